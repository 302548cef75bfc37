package cn.chuangwen.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.chuangwen.files.BlurRegion;
import cn.chuangwen.files.EvidenceFixtures;
import cn.chuangwen.files.FileKind;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.support.ExifJpeg;

class ImageInspectorTest {

	@TempDir
	Path dir;

	ImageInspector.Exif exif(byte[] jpeg) throws IOException {
		Path file = Files.write(dir.resolve("photo.jpg"), jpeg);
		return ImageInspector.exif(file);
	}

	/** A 3×2 image whose pixels are numbered 0..5 row by row. */
	static BufferedImage numbered() {
		BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
		for (int y = 0; y < 2; y++) {
			for (int x = 0; x < 3; x++) {
				img.setRGB(x, y, 0xFF000000 | (y * 3 + x));
			}
		}
		return img;
	}

	/** Expected pixels row by row after each EXIF orientation is undone (see the EXIF 2.32 figures). */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "1|0 1 2 / 3 4 5", "2|2 1 0 / 5 4 3", "3|5 4 3 / 2 1 0", "4|3 4 5 / 0 1 2",
			"5|0 3 / 1 4 / 2 5", "6|3 0 / 4 1 / 5 2", "7|5 2 / 4 1 / 3 0", "8|2 5 / 1 4 / 0 3" })
	void orientationIsUndone(int orientation, String expected) {
		BufferedImage out = ImageInspector.orient(numbered(), orientation);
		StringBuilder rows = new StringBuilder();
		for (int y = 0; y < out.getHeight(); y++) {
			if (y > 0) {
				rows.append(" / ");
			}
			for (int x = 0; x < out.getWidth(); x++) {
				if (x > 0) {
					rows.append(' ');
				}
				rows.append(out.getRGB(x, y) & 0xFFFFFF);
			}
		}
		assertThat(rows.toString()).isEqualTo(expected);
	}

	@Test
	void twelveMonkeysReadsTheWebpFixtures() throws Exception {
		ImageIO.scanForPlugins();
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("webp");
		assertThat(readers.hasNext()).isTrue();
		assertThat(readers.next().getClass().getName()).startsWith("com.twelvemonkeys");
		for (byte[] webp : new byte[][] { EvidenceFixtures.webp(), EvidenceFixtures.webpLossy() }) {
			BufferedImage img = ImageIO.read(new ByteArrayInputStream(webp));
			assertThat(img.getWidth()).isEqualTo(1);
			assertThat(img.getHeight()).isEqualTo(1);
		}
	}

	// --- public copies ---

	@Test
	void aPublicCopyHasNoMetadataStandsUprightAndIsNoBiggerThanAsked() throws Exception {
		Path source = Files.write(dir.resolve("src.jpg"), ExifJpeg.photo(64, 48).capturedAt(Instant.parse("2026-11-20T01:30:00Z"))
			.orientation(6).place(30.402, 112.899).description("before").bytes());
		Path target = dir.resolve("public.jpg");

		ImageInspector inspector = new ImageInspector(FileSettings.defaults(dir.toString()));
		inspector.writePublicCopy(inspector.inspect(source, FileKind.JPEG, 32), List.of(), 32, target);

		ImageInspector.Exif exif = ImageInspector.exif(target);
		assertThat(exif.place()).isNull();
		assertThat(exif.capturedAt()).isNull();
		assertThat(exif.orientation()).isEqualTo(1);
		assertThat(com.drew.imaging.ImageMetadataReader.readMetadata(target.toFile())
			.getDirectoriesOfType(com.drew.metadata.exif.ExifIFD0Directory.class)).isEmpty();
		BufferedImage copy = ImageIO.read(target.toFile());
		// 64×48 turned upright (orientation 6) is 48×64, halved to fit 32
		assertThat(copy.getWidth()).isEqualTo(24);
		assertThat(copy.getHeight()).isEqualTo(32);
	}

	@Test
	void aPublicCopyAndItsThumbnailKeepTheColours() throws Exception {
		BufferedImage picture = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 48; y++) {
			for (int x = 0; x < 64; x++) {
				picture.setRGB(x, y, x < 32 ? 0xd02020 : 0x2040c0);
			}
		}
		Path source = dir.resolve("two-colours.png");
		ImageIO.write(picture, "png", source.toFile());
		ImageInspector inspector = new ImageInspector(FileSettings.defaults(dir.toString()));
		ImageInspector.Inspected image = inspector.inspect(source, FileKind.PNG, 64);
		Path copy = dir.resolve("copy.jpg");
		Path thumb = dir.resolve("thumb.jpg");

		inspector.writePublicCopy(image, List.of(), 64, copy);
		inspector.writeThumbnail(image, thumb);

		for (Path written : List.of(copy, thumb)) {
			BufferedImage back = ImageIO.read(written.toFile());
			int red = back.getRGB(back.getWidth() / 8, back.getHeight() / 2);
			int blue = back.getRGB(back.getWidth() * 7 / 8, back.getHeight() / 2);
			assertThat((red >> 16) & 0xff).as("%s, left half red", written).isGreaterThan(180);
			assertThat(red & 0xff).as("%s, left half red", written).isLessThan(70);
			assertThat(blue & 0xff).as("%s, right half blue", written).isGreaterThan(160);
			assertThat((blue >> 16) & 0xff).as("%s, right half blue", written).isLessThan(70);
		}
	}

	@Test
	void aHiddenRegionBecomesBlocksOfOneColourAndTheRestIsUntouched() {
		BufferedImage img = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 96; y++) {
			for (int x = 0; x < 96; x++) {
				img.setRGB(x, y, (x * 37 + y * 91) % 256 * 0x010101);
			}
		}
		int outside = img.getRGB(90, 90);

		ImageInspector.pixelate(img, new BlurRegion(0, 0, 0.5, 0.5));

		// blocks of 8 pixels: every pixel of the first block has the block's one colour
		int block = img.getRGB(0, 0);
		for (int y = 0; y < 8; y++) {
			for (int x = 0; x < 8; x++) {
				assertThat(img.getRGB(x, y)).isEqualTo(block);
			}
		}
		assertThat(img.getRGB(15, 7)).isEqualTo(img.getRGB(8, 0));
		assertThat(img.getRGB(47, 47)).isEqualTo(img.getRGB(40, 40));
		assertThat(img.getRGB(90, 90)).isEqualTo(outside);
	}

	@Test
	void regionsOutsideThePhotoOrTooManyAreRefusedByField() {
		assertThatThrownBy(() -> BlurRegion.checked("regions", List.of(new double[] { 0.8, 0.1, 0.3, 0.1 })))
			.isInstanceOf(cn.chuangwen.shared.InvalidInputException.class);
		assertThatThrownBy(() -> BlurRegion.checked("regions", List.of(new double[] { 0.1, 0.1, Double.NaN, 0.1 })))
			.isInstanceOf(cn.chuangwen.shared.InvalidInputException.class);
		List<double[]> many = java.util.stream.IntStream.range(0, BlurRegion.MAX + 1)
			.mapToObj(i -> new double[] { 0, 0, 0.1, 0.1 })
			.toList();
		assertThatThrownBy(() -> BlurRegion.checked("regions", many))
			.isInstanceOf(cn.chuangwen.shared.InvalidInputException.class);
		assertThat(BlurRegion.checked("regions", List.of(new double[] { 0.5, 0.5, 0.5, 0.5 })))
			.containsExactly(new BlurRegion(0.5, 0.5, 0.5, 0.5));
	}

	// --- GPS ---

	@ParameterizedTest
	@CsvSource({ "30.402, 112.899", "-33.856784, 151.215297", "39.908722, -0.000001", "90, -180", "0.000001, 0" })
	void gpsPositionIsRead(String lat, String lng) throws IOException {
		GeoPoint place = new GeoPoint(new java.math.BigDecimal(lat), new java.math.BigDecimal(lng));

		assertThat(exif(ExifJpeg.photo().place(place).bytes()).place()).isEqualTo(place);
	}

	@Test
	void gpsSitsBesideCaptureTimeAndOrientation() throws IOException {
		Instant taken = Instant.parse("2026-11-20T01:30:00Z");
		ImageInspector.Exif exif = exif(ExifJpeg.photo().capturedAt(taken).orientation(6).place(30.402, 112.899)
			.description("after").bytes());

		assertThat(exif.capturedAt()).isEqualTo(taken);
		assertThat(exif.orientation()).isEqualTo(6);
		assertThat(exif.place()).isEqualTo(GeoPoint.of(30.402, 112.899));
	}

	@Test
	void noGpsNoPlace() throws IOException {
		assertThat(exif(EvidenceFixtures.jpeg(16, 16)).place()).isNull();
		assertThat(exif(ExifJpeg.photo().dateTimeOriginal("2026:10:01 08:15:30").bytes()).place()).isNull();
	}

	/** What phones without a fix and broken writers leave: no place, and the rest of the metadata still read. */
	@Test
	void unusableGpsIsNoPlace() throws IOException {
		long[] zero = { 0, 1, 0, 1, 0, 1 };
		long[] thirty = { 30, 1, 24, 1, 72, 10 };
		long[] byZero = { 30, 0, 24, 1, 0, 1 };
		long[] ninetyFive = { 95, 1, 0, 1, 0, 1 };
		long[] twoHundred = { 200, 1, 0, 1, 0, 1 };
		long[] zeroOverZero = { 0, 0, 0, 0, 0, 0 };

		assertThat(exif(gps("N", zero, "E", zero)).place()).isNull();
		assertThat(exif(gps("N", byZero, "E", thirty)).place()).isNull();
		assertThat(exif(gps("N", zeroOverZero, "E", zeroOverZero)).place()).isNull();
		assertThat(exif(gps("N", ninetyFive, "E", thirty)).place()).isNull();
		assertThat(exif(gps("S", thirty, "W", twoHundred)).place()).isNull();
		assertThat(exif(gps(null, thirty, "E", thirty)).place()).isNull();

		ImageInspector.Exif broken = exif(ExifJpeg.photo().dateTimeOriginal("2026:10:01 08:15:30")
			.gpsRationals("N", byZero, "E", thirty).bytes());
		assertThat(broken.capturedAt()).isEqualTo(Instant.parse("2026-10-01T00:15:30Z"));
		assertThat(broken.place()).isNull();

		// The same rationals with sane values: 30° 24' 7.2" N = 30.402°.
		assertThat(exif(gps("N", thirty, "E", thirty)).place()).isEqualTo(GeoPoint.of(30.402, 30.402));
	}

	static byte[] gps(String latRef, long[] lat, String lngRef, long[] lng) {
		return ExifJpeg.photo().gpsRationals(latRef, lat, lngRef, lng).bytes();
	}

}
