package cn.chuangwen.participation;

/**
 * The arithmetic question asked of a sender who has sent several reports within the hour
 * ("7 + 5 = ?"), with the signed token the answer goes back with ({@code challenge} and
 * {@code answer} fields). The token carries the question and its expiry: no server state.
 */
public record ReportChallenge(String question, String token) {
}
