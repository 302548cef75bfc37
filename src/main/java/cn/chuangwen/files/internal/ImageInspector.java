package cn.chuangwen.files.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.TimeZone;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;

import cn.chuangwen.files.BlurRegion;
import cn.chuangwen.files.FileKind;
import cn.chuangwen.shared.GeoPoint;

/**
 * Checks that an image is what it claims: dimensions read from the header first (a 50000×50000
 * PNG of a few bytes is refused before any pixel is decoded), then a full decode. The decode is
 * subsampled, so a large photo costs memory for the thumbnail's size, not its own. Also reads the
 * EXIF capture time and GPS position and makes the thumbnail.
 */
public class ImageInspector {

	/** EXIF DateTimeOriginal has no zone; the cameras that matter here are set to Beijing time. */
	public static final ZoneId CAPTURE_ZONE = ZoneId.of("Asia/Shanghai");

	static final float THUMBNAIL_QUALITY = 0.85f;

	private final long maxPixels;

	private final int thumbnailSize;

	public ImageInspector(FileSettings settings) {
		this.maxPixels = settings.maxPixels();
		this.thumbnailSize = settings.thumbnailSize();
		// Finds the TwelveMonkeys readers (WEBP, CMYK JPEG) whatever class loader first touched ImageIO.
		ImageIO.scanForPlugins();
	}

	/** A decoded image: its real size, and a reduced copy at least twice the thumbnail size where possible. */
	public record Inspected(int width, int height, BufferedImage preview, Instant capturedAt, int orientation,
			GeoPoint place) {
	}

	/** Decodes the image; {@link UploadRefused} when it is too large or does not decode. */
	public Inspected inspect(Path file, FileKind kind) throws IOException {
		return inspect(file, kind, 2 * thumbnailSize);
	}

	/**
	 * Decodes the image once, keeping a reduced copy at least {@code previewSide} pixels on its longest
	 * side where the image has them: enough for the thumbnail and, when asked, a public copy, so a
	 * photo is decoded once however many copies are made of it (decoding is most of a photo's cost).
	 */
	public Inspected inspect(Path file, FileKind kind, int previewSide) throws IOException {
		return read(file, kind, Math.max(previewSide, 1));
	}

	/**
	 * Reads the size and metadata of an image without decoding its pixels (a few milliseconds where
	 * decoding a phone's photo takes a tenth of a second): {@code preview} is null. Refused as
	 * {@link #inspect} refuses: no size, or too many pixels.
	 */
	public Inspected inspectHeader(Path file, FileKind kind) throws IOException {
		return read(file, kind, 0);
	}

	/** The header's size and the metadata, and with {@code previewSide} > 0 the decoded preview. */
	private Inspected read(Path file, FileKind kind, int previewSide) throws IOException {
		ImageReader reader = reader(kind);
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			if (in == null) {
				throw new UploadRefused("files.error.image.unreadable");
			}
			reader.setInput(in, true, true);
			int[] size = checkedSize(reader);
			BufferedImage preview = previewSide > 0 ? preview(reader, size, previewSide) : null;
			Exif exif = exif(file);
			return new Inspected(size[0], size[1], preview, exif.capturedAt(), exif.orientation(), exif.place());
		}
		finally {
			reader.dispose();
		}
	}

	/** Decodes the image subsampled to at least {@code previewSide} (and twice the thumbnail) on its longest side. */
	private BufferedImage preview(ImageReader reader, int[] size, int previewSide) {
		BufferedImage preview;
		try {
			ImageReadParam param = reader.getDefaultReadParam();
			int step = Math.max(1, Math.max(size[0], size[1]) / Math.max(previewSide, 2 * thumbnailSize));
			if (step > 1) {
				param.setSourceSubsampling(step, step, 0, 0);
			}
			preview = reader.read(0, param);
		}
		catch (IOException | RuntimeException ex) {
			throw new UploadRefused("files.error.image.unreadable");
		}
		if (preview == null) {
			throw new UploadRefused("files.error.image.unreadable");
		}
		return preview;
	}

	/** Width and height from the header; refused when there are none or too many pixels. */
	private int[] checkedSize(ImageReader reader) {
		int width;
		int height;
		try {
			width = reader.getWidth(0);
			height = reader.getHeight(0);
		}
		catch (IOException | RuntimeException ex) {
			throw new UploadRefused("files.error.image.unreadable");
		}
		if (width <= 0 || height <= 0) {
			throw new UploadRefused("files.error.image.unreadable");
		}
		if ((long) width * height > maxPixels) {
			throw new UploadRefused("files.error.image.tooManyPixels", width, height, maxPixels);
		}
		return new int[] { width, height };
	}

	static ImageReader reader(FileKind kind) {
		String format = switch (kind) {
			case JPEG -> "jpeg";
			case PNG -> "png";
			case WEBP -> "webp";
			default -> throw new IllegalArgumentException("not an image: " + kind);
		};
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
		if (!readers.hasNext()) {
			throw new IllegalStateException("no ImageIO reader for " + format);
		}
		return readers.next();
	}

	record Exif(Instant capturedAt, int orientation, GeoPoint place) {
	}

	/**
	 * Capture time (DateTimeOriginal, in the zone of OffsetTimeOriginal when the camera wrote one,
	 * else Beijing time), orientation and GPS position. Metadata is a hint, never a reason to refuse
	 * a file: what cannot be read is left out.
	 */
	static Exif exif(Path file) {
		try {
			Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
			Instant captured = null;
			for (ExifSubIFDDirectory d : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
				Date date = d.getDateOriginal(TimeZone.getTimeZone(CAPTURE_ZONE));
				if (date != null) {
					captured = date.toInstant();
					break;
				}
			}
			int orientation = 1;
			ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
			if (ifd0 != null && ifd0.containsTag(ExifDirectoryBase.TAG_ORIENTATION)) {
				Integer o = ifd0.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
				orientation = o == null || o < 1 || o > 8 ? 1 : o;
			}
			return new Exif(captured, orientation, place(metadata));
		}
		catch (Exception ex) {
			return new Exif(null, 1, null);
		}
	}

	/**
	 * The first usable GPS position. 0/0 is what many phones write when they had no fix; a zero
	 * denominator gives NaN or infinity; a broken writer gives degrees out of range. All are no place.
	 */
	static GeoPoint place(Metadata metadata) {
		for (GpsDirectory gps : metadata.getDirectoriesOfType(GpsDirectory.class)) {
			try {
				var location = gps.getGeoLocation();
				if (location == null || location.isZero()) {
					continue;
				}
				double lat = location.getLatitude();
				double lng = location.getLongitude();
				if (Double.isFinite(lat) && Double.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
					return GeoPoint.of(lat, lng);
				}
			}
			catch (RuntimeException ex) {
				// A malformed GPS directory: try the next one, else no place.
			}
		}
		return null;
	}

	/** Writes a JPEG of at most the thumbnail size, upright, on white, without any metadata. */
	public void writeThumbnail(Inspected image, Path target) throws IOException {
		BufferedImage upright = orient(image.preview(), image.orientation());
		int w = upright.getWidth();
		int h = upright.getHeight();
		double scale = Math.min(1.0, (double) thumbnailSize / Math.max(w, h));
		int tw = Math.max(1, (int) Math.round(w * scale));
		int th = Math.max(1, (int) Math.round(h * scale));
		BufferedImage current = upright;
		// Halve step by step: one big bilinear jump would alias.
		while (current.getWidth() / 2 >= tw && current.getHeight() / 2 >= th) {
			current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
		}
		writeJpeg(draw(current, tw, th), target);
	}

	/**
	 * Writes the copy of an image the public may see: upright, at most {@code maxSide} pixels on its
	 * longest side, each region in {@code blurs} pixelated beyond recognition, as a JPEG without any
	 * metadata (no EXIF: no GPS, no camera, no time). {@code image} is decoded by
	 * {@link #inspect(Path, FileKind, int)} with a preview of at least {@code maxSide}. Returns the
	 * pixels written.
	 */
	public BufferedImage writePublicCopy(Inspected image, List<BlurRegion> blurs, int maxSide, Path target) throws IOException {
		BufferedImage upright = orient(image.preview(), image.orientation());
		double scale = Math.min(1.0, (double) maxSide / Math.max(upright.getWidth(), upright.getHeight()));
		BufferedImage copy = draw(upright, Math.max(1, (int) Math.round(upright.getWidth() * scale)),
				Math.max(1, (int) Math.round(upright.getHeight() * scale)));
		for (BlurRegion region : blurs) {
			pixelate(copy, region);
		}
		writeJpeg(copy, target);
		return copy;
	}

	/** Writes {@code image}, as {@link #draw} makes them, as a JPEG without metadata. */
	private static void writeJpeg(BufferedImage image, Path target) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(target.toFile())) {
			writer.setOutput(out);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(THUMBNAIL_QUALITY);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
	}

	/**
	 * Replaces the region by blocks of one colour each, a twelfth of the region's shorter side wide
	 * (at least 8 pixels): a face or a plate cannot be read back from it, as it could from a blur.
	 */
	static void pixelate(BufferedImage image, BlurRegion region) {
		int w = image.getWidth();
		int h = image.getHeight();
		int x0 = (int) Math.floor(region.x() * w);
		int y0 = (int) Math.floor(region.y() * h);
		int x1 = Math.min(w, (int) Math.ceil((region.x() + region.width()) * w));
		int y1 = Math.min(h, (int) Math.ceil((region.y() + region.height()) * h));
		int block = Math.max(8, Math.min(x1 - x0, y1 - y0) / 12);
		for (int by = y0; by < y1; by += block) {
			for (int bx = x0; bx < x1; bx += block) {
				int ex = Math.min(x1, bx + block);
				int ey = Math.min(y1, by + block);
				long r = 0;
				long g = 0;
				long b = 0;
				int n = 0;
				for (int y = by; y < ey; y++) {
					for (int x = bx; x < ex; x++) {
						int rgb = image.getRGB(x, y);
						r += (rgb >> 16) & 0xff;
						g += (rgb >> 8) & 0xff;
						b += rgb & 0xff;
						n++;
					}
				}
				int mean = n == 0 ? 0 : (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
				for (int y = by; y < ey; y++) {
					for (int x = bx; x < ex; x++) {
						image.setRGB(x, y, mean);
					}
				}
			}
		}
	}

	/**
	 * The image on white in RGB, scaled to the size given; 0 and 0 keep its size. Bytes in the order
	 * the JPEG writer takes them: from an int-per-pixel raster it converts pixel by pixel in Java, which
	 * cost more than decoding the 12-megapixel original.
	 */
	static BufferedImage draw(BufferedImage source, int width, int height) {
		if (width == 0 && height == 0) {
			width = source.getWidth();
			height = source.getHeight();
		}
		BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
		Graphics2D g = out.createGraphics();
		try {
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, width, height);
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			g.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			g.dispose();
		}
		return out;
	}

	/** Applies EXIF orientation 2–8 so the thumbnail stands the way the photographer held the camera. */
	static BufferedImage orient(BufferedImage src, int orientation) {
		if (orientation <= 1 || orientation > 8) {
			return src;
		}
		int w = src.getWidth();
		int h = src.getHeight();
		boolean swap = orientation >= 5;
		int ow = swap ? h : w;
		int oh = swap ? w : h;
		BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_ARGB);
		for (int y = 0; y < oh; y++) {
			for (int x = 0; x < ow; x++) {
				int sx;
				int sy;
				switch (orientation) {
					case 2 -> { sx = w - 1 - x; sy = y; }
					case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
					case 4 -> { sx = x; sy = h - 1 - y; }
					case 5 -> { sx = y; sy = x; }
					case 6 -> { sx = y; sy = h - 1 - x; }
					case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
					default -> { sx = w - 1 - y; sy = x; }
				}
				out.setRGB(x, y, src.getRGB(sx, sy));
			}
		}
		return out;
	}

}
