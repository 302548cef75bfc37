package cn.chuangwen.notify;

/**
 * Sends a text message. The default writes one line to the log with the number masked; an
 * installation with an SMS provider declares its own bean of this type, which replaces it.
 * An implementation must never log or store the full number (PIPL).
 */
public interface SmsGateway {

	/** Sends {@code text} (one line) to {@code phone}; throws when the provider refuses it. */
	void send(String phone, String text);

}
