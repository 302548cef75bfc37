package cn.chuangwen.shared;

/** Someone else saved the object first (optimistic locking): the user must reload. */
public class ConflictException extends RuntimeException {

	private final String messageKey;

	private final Object[] args;

	/** {@code args}: the message's arguments, e.g. the names of what is in the way. */
	public ConflictException(String messageKey, Object... args) {
		super(messageKey);
		this.messageKey = messageKey;
		this.args = args.clone();
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] args() {
		return args.clone();
	}

}
