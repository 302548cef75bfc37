package cn.chuangwen.inspections.internal;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.chuangwen.documents.FontMissing;

/**
 * Draws the visible watermark of a finding's display copy (time, place, inspector) with Java2D, in
 * the CJK font the documents use ({@code chuangwen.documents.cjk-font}: a .ttf/.otf path, or a .ttc
 * path with {@code ,index}). The original is never touched: the copy is a new JPEG of the same size.
 */
@Component
public class Watermark {

	/** Debian's {@code fonts-wqy-zenhei}, face 0: the documents module's default too. */
	static final String DEFAULT_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0";

	private final Path file;

	private final int face;

	/** Loaded on first use and kept: a font file is read once per node. */
	private volatile Font font;

	public Watermark(@Value("${chuangwen.documents.cjk-font:" + DEFAULT_FONT + "}") String setting) {
		String s = setting == null || setting.isBlank() ? DEFAULT_FONT : setting.strip();
		int comma = s.lastIndexOf(',');
		boolean indexed = comma > 0 && s.substring(comma + 1).strip().matches("\\d+");
		this.file = Path.of(indexed ? s.substring(0, comma) : s);
		this.face = indexed ? Integer.parseInt(s.substring(comma + 1).strip()) : 0;
	}

	/** Whether the font is there, so a watermark can be drawn. */
	public boolean available() {
		return Files.isReadable(file);
	}

	/**
	 * The display copy of an image: the same picture and size with a dark band along its bottom
	 * edge carrying {@code lines}, as a JPEG. Null when the content does not decode as an image (the
	 * evidence checks refuse those before). Throws {@link FontMissing} when the font cannot be read.
	 */
	public byte[] apply(InputStream image, List<String> lines) throws IOException {
		BufferedImage source = ImageIO.read(image);
		if (source == null) {
			return null;
		}
		Font base = font();
		int w = source.getWidth();
		int h = source.getHeight();
		// JPEG has no alpha: draw onto an opaque copy
		BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = copy.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.drawImage(source, 0, 0, Color.WHITE, null);
			// readable on a phone photo and on a small one alike
			float size = Math.max(10f, Math.min(w, h) / 22f);
			Font f = base.deriveFont(Font.PLAIN, size);
			g.setFont(f);
			int lineHeight = g.getFontMetrics().getHeight();
			int pad = Math.max(4, Math.round(size / 2));
			int band = Math.min(h, lines.size() * lineHeight + 2 * pad);
			g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.55f));
			g.setColor(Color.BLACK);
			g.fillRect(0, h - band, w, band);
			g.setComposite(AlphaComposite.SrcOver);
			g.setColor(Color.WHITE);
			int y = h - band + pad + g.getFontMetrics().getAscent();
			for (String line : lines) {
				g.drawString(line, pad, y);
				y += lineHeight;
			}
		}
		finally {
			g.dispose();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (!ImageIO.write(copy, "jpg", out)) {
			throw new IOException("no JPEG writer");
		}
		return out.toByteArray();
	}

	private Font font() {
		Font f = font;
		if (f != null) {
			return f;
		}
		if (!available()) {
			throw new FontMissing(file.toString());
		}
		try {
			Font[] faces = Font.createFonts(file.toFile());
			if (faces.length == 0) {
				throw new FontMissing(file.toString());
			}
			f = faces[Math.min(face, faces.length - 1)];
		}
		catch (FontFormatException | IOException ex) {
			throw new FontMissing(file.toString());
		}
		font = f;
		return f;
	}

	/** The font file, for messages. */
	public String fontPath() {
		return file.toString();
	}

}
