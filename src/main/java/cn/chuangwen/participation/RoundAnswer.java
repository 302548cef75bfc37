package cn.chuangwen.participation;

import java.time.Instant;

/**
 * An answer to a round: from a signed-in supervisor ({@code supervisorName}) or the public page.
 * {@code name} and {@code phone} are personal data, null unless the reader holds
 * {@code participation:personal}.
 */
public record RoundAnswer(long id, String text, String supervisorName, String name, String phone, Instant createdAt) {

	public boolean fromPublic() {
		return supervisorName == null;
	}

}
