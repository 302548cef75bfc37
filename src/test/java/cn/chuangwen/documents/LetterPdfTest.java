package cn.chuangwen.documents;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.documents.LetterView;
import cn.chuangwen.tasks.Milestone;
import cn.chuangwen.documents.ResponsibilityLetters;
import cn.chuangwen.documents.internal.LetterPdf;
import cn.chuangwen.documents.internal.OfficialPdf;

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

	static final LetterView.Issued ISSUED = new LetterView.Issued("仙创责〔2027〕3号", "仙桃市创建全国文明城市工作指挥部",
			Instant.parse("2026-11-26T02:00:00Z"), "xiantao.office");

	static LetterView letter(int items) {
		List<LetterView.Item> list = new java.util.ArrayList<>();
		for (int i = 1; i <= items; i++) {
			list.add(new LetterView.Item(i, i, i % 3 == 0 ? LetterView.Role.COOPERATING : LetterView.Role.LEAD,
					"I-" + i + "-1", "市容环境卫生第" + i + "项", i % 2 == 0 ? null : "主次干道无暴露垃圾、无乱张贴乱涂画",
					LocalDate.of(2027, 1 + i % 12, 28), List.of(new Milestone(LocalDate.of(2027, 1, 15), 30)),
					new LetterView.Person("王主任", i % 2 == 0 ? null : "副主任", null)));
		}
		return new LetterView(1, 1, 1, "沙嘴街道办事处", 2027, ISSUED, null, LetterView.State.ISSUED, 0, list);
	}

	@Test
	void theFontSettingNamesAFileWithOrWithoutACollectionIndex() {
		assertThat(new OfficialPdf("/usr/share/fonts/x.ttc,0").fontFile()).isEqualTo(Path.of("/usr/share/fonts/x.ttc"));
		assertThat(new OfficialPdf("/opt/fonts/simsun.ttf").fontFile()).isEqualTo(Path.of("/opt/fonts/simsun.ttf"));
		assertThat(new OfficialPdf(" ").font()).isEqualTo(OfficialPdf.DEFAULT_FONT);
	}

	@Test
	void aMissingFontIsToldPlainlyAndNothingIsWritten() {
		LetterPdf pdf = new LetterPdf(new OfficialPdf("/nonexistent/fonts/wqy-zenhei.ttc,0"), messages());
		assertThat(pdf.fontPresent()).isFalse();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThatThrownBy(() -> pdf.write(letter(1), out)).isInstanceOf(cn.chuangwen.documents.FontMissing.class)
			.hasMessageContaining("/nonexistent/fonts/wqy-zenhei.ttc")
			.hasMessageContaining("fonts-wqy-zenhei");
		assertThat(out.size()).isZero();
	}

	@Test
	void aLongLetterRunsOverSeveralPagesWithTheTableHeaderRepeated() throws Exception {
		DocumentFixtures.assumeFont();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new LetterPdf(new OfficialPdf(OfficialPdf.DEFAULT_FONT), messages()).write(letter(40), out);
		String text = DocumentFixtures.pdfText(out.toByteArray());
		assertThat(text.split("\f").length).isGreaterThan(2);
		assertThat(text.replaceAll("\\s+", "")).contains("2027年创建全国文明城市目标责任书")
			.contains("I-40-1")
			.contains("（配合）")
			.contains("2026年11月26日")
			.contains("—3—");
		// The table header on every page the table runs over.
		assertThat(text.split("\f")[1].replaceAll("\\s+", "")).contains("目标要求");
	}

	@Test
	void aPhoneNumberIsNeverBrokenAcrossLines() throws Exception {
		DocumentFixtures.assumeFont();
		String[] phones = { "0728-33123456", "13800001234", "+86 728 3312 3456 转 8001" };
		List<LetterView.Item> items = new java.util.ArrayList<>();
		for (int i = 0; i < phones.length; i++) {
			items.add(new LetterView.Item(i + 1, i + 1, LetterView.Role.LEAD, "I-" + i, "公共场所文明程度测评第" + i + "项",
					"全面达标", LocalDate.of(2027, 6, 30), List.of(),
					new LetterView.Person("欧阳建国", "城市管理执法局党组书记、局长", phones[i])));
		}
		LetterView letter = new LetterView(1, 1, 1, "沙嘴街道办事处", 2027, ISSUED, null, LetterView.State.ISSUED, 0,
				items);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new LetterPdf(new OfficialPdf(OfficialPdf.DEFAULT_FONT), messages()).write(letter, out);
		List<String> lines = List.of(DocumentFixtures.pdfText(out.toByteArray()).split("\\R"));
		for (String phone : phones) {
			assertThat(lines).as("a line holding the whole of " + phone).anyMatch(l -> l.contains(phone));
		}
		assertThat(lines).anyMatch(l -> l.contains("仙创责〔2027〕3号"));
	}

}
