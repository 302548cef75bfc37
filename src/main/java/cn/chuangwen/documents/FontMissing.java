package cn.chuangwen.documents;

/**
 * The CJK font for PDF documents ({@code chuangwen.documents.cjk-font}) cannot be read: an
 * installation problem, told to the user plainly instead of a 500.
 */
public class FontMissing extends RuntimeException {

	private final String path;

	public FontMissing(String path) {
		super("CJK font for PDF documents not readable: " + path
				+ " (install fonts-wqy-zenhei or set chuangwen.documents.cjk-font)");
		this.path = path;
	}

	public String path() {
		return path;
	}

}
