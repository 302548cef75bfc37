package cn.chuangwen.inspections.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import cn.chuangwen.documents.FontMissing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The display copy's watermark: the same picture and size, visibly marked; the original's bytes untouched. */
class WatermarkTest {

	static byte[] png(int width, int height) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < width; x++) {
			for (int y = 0; y < height; y++) {
				image.setRGB(x, y, 0x80c080);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	@Test
	void theCopyIsAnImageOfTheSameSizeMarkedAlongItsBottomEdge() throws IOException {
		byte[] original = png(640, 480);
		byte[] before = original.clone();
		byte[] copy = new Watermark(null).apply(new ByteArrayInputStream(original),
				List.of("时间：2026-12-01 08:00:00（北京时间）", "地点：仙桃大道（30.362700, 113.454000）", "检查人：仙桃督查员"));
		assertThat(original).isEqualTo(before);
		assertThat(copy).isNotEqualTo(original);
		BufferedImage marked = ImageIO.read(new ByteArrayInputStream(copy));
		assertThat(marked).isNotNull();
		assertThat(marked.getWidth()).isEqualTo(640);
		assertThat(marked.getHeight()).isEqualTo(480);
		// the top is the picture (JPEG keeps it close), the bottom band is darkened with white text on it
		assertThat(green(marked.getRGB(320, 10))).isBetween(0xb0, 0xd0);
		int[] band = marked.getRGB(0, 400, 640, 80, null, 0, 640);
		assertThat(Arrays.stream(band).map(WatermarkTest::green).min().getAsInt()).isLessThan(0x80);
		assertThat(Arrays.stream(band).map(WatermarkTest::green).max().getAsInt()).isGreaterThan(0xe0);
	}

	@Test
	void somethingThatIsNoImageHasNoCopy() throws IOException {
		assertThat(new Watermark(null).apply(new ByteArrayInputStream("%PDF-1.4".getBytes()), List.of("x"))).isNull();
	}

	@Test
	void aMissingFontIsSaidPlainly() throws IOException {
		Watermark w = new Watermark("/nowhere/wqy-zenhei.ttc,0");
		assertThat(w.available()).isFalse();
		assertThatThrownBy(() -> w.apply(new ByteArrayInputStream(png(10, 10)), List.of("x")))
			.isInstanceOf(FontMissing.class)
			.hasMessageContaining("/nowhere/wqy-zenhei.ttc");
	}

	static int green(int rgb) {
		return (rgb >> 8) & 0xff;
	}

}
