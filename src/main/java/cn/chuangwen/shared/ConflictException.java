package cn.chuangwen.shared;

/** Someone else saved the object first (optimistic locking): the user must reload. */
public class ConflictException extends RuntimeException {

	private final String messageKey;

	public ConflictException(String messageKey) {
		super(messageKey);
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return messageKey;
	}

}
