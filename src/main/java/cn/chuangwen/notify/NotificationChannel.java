package cn.chuangwen.notify;

import java.util.Optional;

/**
 * A way to reach people. {@link Reminders} asks each channel whether it reaches a recipient,
 * records the claim (one row per channel, recipient, assignment, kind and day), then sends; a
 * channel that throws has its error recorded on the row and does not stop the others.
 */
public interface NotificationChannel {

	Channel channel();

	/**
	 * Whom this channel would reach for the recipient, or empty when it cannot (no account, no
	 * address, channel not configured).
	 */
	Optional<Target> target(Recipient recipient);

	/** Sends the reminder; throws when it could not. */
	void send(Recipient recipient, Reminder reminder) throws Exception;

	/**
	 * The recipient as stored: {@code recipient} is the unique key (a username or a masked phone
	 * number), {@code maskedAddress} where it went, masked, or null in the app.
	 */
	record Target(String recipient, String maskedAddress) {
	}

}
