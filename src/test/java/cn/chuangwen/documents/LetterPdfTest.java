package cn.chuangwen.documents;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.LetterView;
import cn.chuangwen.tasks.Milestone;
import cn.chuangwen.tasks.ResponsibilityLetters;
import cn.chuangwen.tasks.internal.LetterPdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The letter layout without the application: the font setting, a missing font, a long letter. */
class LetterPdfTest {

	static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("i18n/documents");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	static LetterView letter(int items) {
		List<LetterView.Item> list = new java.util.ArrayList<>();
		for (int i = 1; i <= items; i++) {
			list.add(new LetterView.Item(i, i, i % 3 == 0 ? LetterView.Role.COOPERATING : LetterView.Role.LEAD,
					"I-" + i + "-1", "市容环境卫生第" + i + "项", i % 2 == 0 ? null : "主次干道无暴露垃圾、无乱张贴乱涂画",
					LocalDate.of(2027, 1 + i % 12, 28), List.of(new Milestone(LocalDate.of(2027, 1, 15), 30)),
					new AssignmentView.Responsible("王主任", i % 2 == 0 ? null : "副主任", null)));
		}
		return new LetterView(1, 1, 1, "沙嘴街道办事处", 2027, "仙创责〔2027〕3号", "仙桃市创建全国文明城市工作指挥部",
				Instant.parse("2026-11-26T02:00:00Z"), "xiantao.office", null, null, null, null, null,
				LetterView.State.ISSUED, 0, list);
	}

	@Test
	void theFontSettingNamesAFileWithOrWithoutACollectionIndex() {
		assertThat(new LetterPdf("/usr/share/fonts/x.ttc,0", messages()).fontFile()).isEqualTo(Path.of("/usr/share/fonts/x.ttc"));
		assertThat(new LetterPdf("/opt/fonts/simsun.ttf", messages()).fontFile()).isEqualTo(Path.of("/opt/fonts/simsun.ttf"));
		assertThat(new LetterPdf(" ", messages()).font()).isEqualTo(LetterPdf.DEFAULT_FONT);
	}

	@Test
	void aMissingFontIsToldPlainlyAndNothingIsWritten() {
		LetterPdf pdf = new LetterPdf("/nonexistent/fonts/wqy-zenhei.ttc,0", messages());
		assertThat(pdf.fontPresent()).isFalse();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThatThrownBy(() -> pdf.write(letter(1), out)).isInstanceOf(ResponsibilityLetters.FontMissing.class)
			.hasMessageContaining("/nonexistent/fonts/wqy-zenhei.ttc")
			.hasMessageContaining("fonts-wqy-zenhei");
		assertThat(out.size()).isZero();
	}

	@Test
	void aLongLetterRunsOverSeveralPagesWithTheTableHeaderRepeated() throws Exception {
		DocumentFixtures.assumeFont();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new LetterPdf(LetterPdf.DEFAULT_FONT, messages()).write(letter(40), out);
		String text = DocumentFixtures.pdfText(out.toByteArray());
		assertThat(text.split("\f").length).isGreaterThan(2);
		assertThat(text.replaceAll("\\s+", "")).contains("2027年创建全国文明城市目标责任书")
			.contains("市容环境卫生第40项")
			.contains("（配合）")
			.contains("2026年11月26日")
			.contains("—3—");
		// The table header on every page the table runs over.
		assertThat(text.split("\f")[1].replaceAll("\\s+", "")).contains("目标要求");
	}

}
