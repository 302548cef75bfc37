package cn.chuangwen.documents;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.chuangwen.documents.internal.BulletinPdf;
import cn.chuangwen.documents.internal.OfficialPdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The results bulletin (通报) on the official layout, without the application: its text, a long one, no font. */
class BulletinPdfTest {

	static BulletinDocument bulletin(int units) {
		List<BulletinDocument.Line> lines = new ArrayList<>();
		for (int i = 1; i <= units; i++) {
			lines.add(new BulletinDocument.Line(i, "第" + i + "街道办事处", "9" + i % 10 + ".50", "8" + i % 10 + ".00",
					"8" + i % 10 + ".60", i <= units / 3 ? "绿榜" : i > units * 2 / 3 ? "红榜" : "黄榜"));
		}
		return new BulletinDocument("潜创通〔2026〕3号", "潜江市创建全国文明城市工作指挥部", "2026年9—10月",
				"综合得分 = 明查得分 × 40% + 暗访得分 × 60%。", Instant.parse("2026-11-04T02:00:00Z"),
				List.of(new BulletinDocument.Group("镇办", lines, List.of("运粮湖管理区")),
						new BulletinDocument.Group("窗口单位", List.of(), List.of("市政务服务中心"))),
				List.of(new BulletinDocument.Finding("主次干道", "公共环境", "无乱扔垃圾、乱张贴、乱涂画", 37, "18.5"),
						new BulletinDocument.Finding("集贸市场", "经营秩序", "划行归市、无占道经营", 12, "12")));
	}

	@Test
	void theBulletinCarriesTheNumberTheRankingsTheUnitsNotRankedAndTheMainProblems() throws Exception {
		DocumentFixtures.assumeFont();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new BulletinPdf(new OfficialPdf(OfficialPdf.DEFAULT_FONT), LetterPdfTest.messages()).write(bulletin(40), out);
		Path sample = Path.of("target", "bulletin-sample.pdf");
		Files.createDirectories(sample.getParent());
		Files.write(sample, out.toByteArray());
		String text = DocumentFixtures.pdfText(out.toByteArray()).replaceAll("\\s+", "");
		assertThat(text).contains("潜江市创建全国文明城市工作指挥部", "潜创通〔2026〕3号", "关于2026年9—10月实地测评结果的通报",
				"一、镇办测评结果", "第1街道办事处", "91.50", "绿榜", "红榜", "运粮湖管理区", "二、窗口单位测评结果",
				"本组没有被测点位数达到要求的单位", "三、发现的主要问题", "无乱扔垃圾、乱张贴、乱涂画", "18.5", "四、有关要求",
				"2026年11月4日", "—2—");
	}

	@Test
	void withoutTheFontNothingIsWritten() {
		BulletinPdf pdf = new BulletinPdf(new OfficialPdf("/nonexistent/wqy-zenhei.ttc,0"), LetterPdfTest.messages());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThatThrownBy(() -> pdf.write(bulletin(3), out)).isInstanceOf(FontMissing.class);
		assertThat(out.size()).isZero();
	}

}
