package cn.chuangwen.shared;

/**
 * The object does not exist, or the caller may not see it. The two are deliberately the same
 * answer (404), so ids of other cities and units do not leak.
 */
public class NotFoundException extends RuntimeException {

	private final String what;

	private final String id;

	public NotFoundException(String what, Object id) {
		super(what + " " + id + " not found");
		this.what = what;
		this.id = String.valueOf(id);
	}

	/** The kind of object asked for, e.g. {@code unit}: the trace records probing by it. */
	public String what() {
		return what;
	}

	public String id() {
		return id;
	}

}
