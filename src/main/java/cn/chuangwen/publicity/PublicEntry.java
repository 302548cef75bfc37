package cn.chuangwen.publicity;

/**
 * An approved entry on the public page: its text, and its votes and rank once the office has
 * published the results (null before: the count is not shown while people vote).
 */
public record PublicEntry(long id, String content, String note, Integer votes, Integer rank) {
}
