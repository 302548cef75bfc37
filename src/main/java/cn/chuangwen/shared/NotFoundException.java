package cn.chuangwen.shared;

/**
 * The object does not exist, or the caller may not see it. The two are deliberately the same
 * answer (404), so ids of other cities and units do not leak.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what, Object id) {
		super(what + " " + id + " not found");
	}

}
