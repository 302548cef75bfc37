package cn.chuangwen.shared;

import java.time.Duration;

/**
 * An import was refused because the user already has one running, or the node runs as many as it
 * may: nothing was read or changed, and the caller may try again after {@link #retryAfter()}.
 */
public class ImportBusyException extends RuntimeException {

	private final String messageKey;

	private final Duration retryAfter;

	public ImportBusyException(String messageKey, Duration retryAfter) {
		super(messageKey);
		this.messageKey = messageKey;
		this.retryAfter = retryAfter;
	}

	public String messageKey() {
		return messageKey;
	}

	public Duration retryAfter() {
		return retryAfter;
	}

}
