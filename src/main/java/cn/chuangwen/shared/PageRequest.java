package cn.chuangwen.shared;

/**
 * Which page of a list to read: {@code page} counts from 1, {@code size} rows per page. Stores turn
 * it into {@code LIMIT :limit OFFSET :offset}, so a list is never loaded to be cut in Java.
 */
public record PageRequest(int page, int size) {

	public static final int DEFAULT_SIZE = 50;

	public static final int MAX_SIZE = 500;

	/** Offsets past this are refused: deep pages are a scan, and no person pages that far. */
	static final int MAX_PAGE = 1_000_000;

	public PageRequest {
		if (page < 1 || page > MAX_PAGE) {
			throw new InvalidInputException(FieldProblem.of("page", "paging.error.page", MAX_PAGE));
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new InvalidInputException(FieldProblem.of("size", "paging.error.size", MAX_SIZE));
		}
	}

	public static PageRequest first(int size) {
		return new PageRequest(1, size);
	}

	/**
	 * The API's {@code page} and {@code size} parameters as sent (null when absent): absent means
	 * page 1 of {@link #DEFAULT_SIZE}; anything else that is not a number in range is bad input.
	 */
	public static PageRequest parse(String page, String size) {
		return new PageRequest(number(page, "page", 1, MAX_PAGE), number(size, "size", DEFAULT_SIZE, MAX_SIZE));
	}

	/** For HTML list pages: a hand-edited page number below 1 shows the first page instead of an error. */
	public static PageRequest lenient(Integer page, int size) {
		return new PageRequest(page == null ? 1 : Math.max(1, Math.min(page, MAX_PAGE)), size);
	}

	public long offset() {
		return (long) (page - 1) * size;
	}

	private static int number(String text, String field, int absent, int max) {
		if (text == null) {
			return absent;
		}
		try {
			return Integer.parseInt(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(
					FieldProblem.of(field, "page".equals(field) ? "paging.error.page" : "paging.error.size", max));
		}
	}

}
