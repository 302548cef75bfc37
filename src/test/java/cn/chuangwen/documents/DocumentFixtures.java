package cn.chuangwen.documents;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;

import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.tasks.AssignmentDraft;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.Milestone;
import cn.chuangwen.documents.internal.LetterPdf;
import cn.chuangwen.documents.internal.OfficialPdf;

import static org.assertj.core.api.Assertions.fail;

/**
 * Data for the documents tests, made through the modules' public services: every test gets its
 * own units, indicator system and assignments, so tests sharing one context never meet.
 */
public final class DocumentFixtures {

	static final Path SAMPLE = Path.of("src/main/resources/demo/indicators-sample.csv");

	static final Path PDFTOTEXT = Path.of("/usr/bin/pdftotext");

	static final Random RANDOM = new Random();

	private DocumentFixtures() {
	}

	/** A fresh indicator system of the office's city, imported from the demo sample. */
	public static IndicatorSystemView freshSystem(IndicatorSystems indicators, CurrentUser office) throws IOException {
		try (InputStream in = Files.newInputStream(SAMPLE)) {
			return indicators.importSystem(office, "文档测试体系 " + System.nanoTime(), "sample.csv", in);
		}
	}

	/** A fresh unit of the given kind under the parent. */
	public static UnitView freshUnit(Units units, CurrentUser office, long parentId, UnitKind kind, String prefix) {
		return units.create(office, new UnitDraft("D" + Math.abs(RANDOM.nextLong() % 1_000_000_000L),
				prefix + RANDOM.nextInt(1_000_000), kind, parentId, null, false, "周主任", "吴联络", "13800005678"));
	}

	public static AssignmentView assign(Assignments assignments, CurrentUser office, long indicatorId, long unitId,
			String target, LocalDate deadline, List<Milestone> milestones) {
		return assignments.create(office, new AssignmentDraft(indicatorId, unitId, List.of(),
				new AssignmentView.Responsible("王主任", "副主任", "13800001234"), target, null, deadline, milestones));
	}

	/** A small PNG made with ImageIO; the seed makes its content (and hash) distinct. */
	public static byte[] png(int seed) {
		BufferedImage image = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
		for (int i = 0; i < 16; i++) {
			image.setRGB((seed + i * 7) % 48, (seed / 48 + i) % 32, 0x102030 * (i + 1) + seed);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	/** Skips the calling test unless the CJK font for PDF letters is installed (CI installs it). */
	public static void assumeFont() {
		String font = OfficialPdf.DEFAULT_FONT.substring(0, OfficialPdf.DEFAULT_FONT.lastIndexOf(','));
		boolean present = Files.isReadable(Path.of(font));
		if (!present && "true".equals(System.getenv("CI"))) {
			fail("The CJK font is required on CI: apt-get install fonts-wqy-zenhei");
		}
		Assumptions.assumeTrue(present, "PDF letter tests skipped: install fonts-wqy-zenhei");
	}

	/** The text of a PDF by poppler's pdftotext; the test is skipped where poppler-utils is missing. */
	public static String pdfText(byte[] pdf) throws IOException, InterruptedException {
		boolean present = Files.isExecutable(PDFTOTEXT);
		if (!present && "true".equals(System.getenv("CI"))) {
			fail("pdftotext is required on CI: apt-get install poppler-utils");
		}
		Assumptions.assumeTrue(present, "PDF text checks skipped: install poppler-utils");
		Path file = Files.createTempFile("letter", ".pdf");
		try {
			Files.write(file, pdf);
			Process process = new ProcessBuilder(PDFTOTEXT.toString(), "-enc", "UTF-8", file.toString(), "-")
				.redirectErrorStream(true)
				.start();
			byte[] text = process.getInputStream().readAllBytes();
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				fail("pdftotext failed: " + new String(text, java.nio.charset.StandardCharsets.UTF_8));
			}
			return new String(text, java.nio.charset.StandardCharsets.UTF_8);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	static InputStream stream(byte[] bytes) {
		return new ByteArrayInputStream(bytes);
	}

}
