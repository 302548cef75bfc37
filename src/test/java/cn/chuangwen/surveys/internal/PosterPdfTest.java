package cn.chuangwen.surveys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import cn.chuangwen.IntegrationTest;

/**
 * The A4 QR posters: one page per unit, the unit's name and address as text (checked with
 * poppler's pdftotext), the page rendered to target/screenshots/survey-poster.png for a look, and
 * its QR code read back (ZXing) as the link. Tagged integration: it runs pdftotext, another process.
 */
@Tag(IntegrationTest.TAG)
class PosterPdfTest {

	static PosterPdf pdf() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("i18n/surveys");
		messages.setDefaultEncoding("UTF-8");
		// as spring.messages.fallback-to-system-locale: false: zh_CN finds the Chinese bundle, not the machine's language
		messages.setFallbackToSystemLocale(false);
		return new PosterPdf(PosterPdf.DEFAULT_FONT, messages);
	}

	@Test
	void onePagePerUnitWithItsNameAndLink() throws Exception {
		assumeThat(Files.isReadable(Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"))).isTrue();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		pdf().write(List.of(
				new PosterPdf.Poster("仙桃市", "仙桃市第一人民医院", "2026年第4季度窗口行业群众满意度测评", "2026-Q4",
						"https://cw.example.gov.cn/s/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd"),
				new PosterPdf.Poster("仙桃市", "仙桃西站", "2026年第4季度窗口行业群众满意度测评", "2026-Q4",
						"https://cw.example.gov.cn/s/zyxwvutsrqponmlkjihgfedcba9876543210_-ABCD")),
				out);
		Path dir = Files.createDirectories(Path.of("target", "screenshots"));
		Path file = dir.resolve("survey-posters.pdf");
		Files.write(file, out.toByteArray());
		assertThat(new String(out.toByteArray(), 0, 5)).isEqualTo("%PDF-");
		assumeThat(Files.isExecutable(Path.of("/usr/bin/pdftotext"))).isTrue();
		Process text = new ProcessBuilder("pdftotext", "-layout", file.toString(), "-").redirectErrorStream(true).start();
		String words = new String(text.getInputStream().readAllBytes(), "UTF-8");
		text.waitFor();
		assertThat(words).contains("请为我们的服务评价", "仙桃市第一人民医院", "仙桃西站", "2026-Q4",
				"https://cw.example.gov.cn/s/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd");
		assertThat(words.split("\f")).hasSizeGreaterThanOrEqualTo(2);
		new ProcessBuilder("pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", file.toString(),
				dir.resolve("survey-poster").toString()).start().waitFor();
		// the printed QR code reads back as the link
		java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(dir.resolve("survey-poster.png").toFile());
		int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
		var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
				new com.google.zxing.RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
		assertThat(new com.google.zxing.qrcode.QRCodeReader().decode(bitmap).getText())
			.isEqualTo("https://cw.example.gov.cn/s/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd");
	}

}
