package cn.chuangwen.files.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.chuangwen.files.EvidenceFixtures;

class ImageInspectorTest {

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

}
