package cn.chuangwen.files;

import java.util.List;

/**
 * The kinds of evidence file accepted (佐证材料类型). A file's kind is decided by its content,
 * never by its name or the Content-Type the client sent.
 */
public enum FileKind {

	JPEG("image/jpeg", true, "jpg", "jpeg", "jpe", "jfif"),

	PNG("image/png", true, "png"),

	WEBP("image/webp", true, "webp"),

	PDF("application/pdf", false, "pdf"),

	DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", false, "docx"),

	XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false, "xlsx");

	private final String contentType;

	private final boolean image;

	private final List<String> extensions;

	FileKind(String contentType, boolean image, String... extensions) {
		this.contentType = contentType;
		this.image = image;
		this.extensions = List.of(extensions);
	}

	/** The media type the file is served with. */
	public String contentType() {
		return contentType;
	}

	public boolean isImage() {
		return image;
	}

	/** Whether a browser may show the file in place (images and PDF); everything else is an attachment. */
	public boolean mayShowInline() {
		return image || this == PDF;
	}

	/** The usual file name extension, lower case, without the dot. */
	public String extension() {
		return extensions.get(0);
	}

	/** Every name extension (lower case, no dot) a file of this kind may carry. */
	public List<String> extensions() {
		return extensions;
	}

}
