package cn.chuangwen.files.internal;

import java.util.List;

/**
 * An upload the policy refuses, as a message key and its arguments after the file name; the
 * service turns it into an {@link cn.chuangwen.shared.InvalidInputException} naming the file.
 */
public class UploadRefused extends RuntimeException {

	private final String messageKey;

	private final transient List<Object> args;

	public UploadRefused(String messageKey, Object... args) {
		super(messageKey);
		this.messageKey = messageKey;
		this.args = List.of(args);
	}

	public String messageKey() {
		return messageKey;
	}

	public List<Object> args() {
		return args;
	}

}
