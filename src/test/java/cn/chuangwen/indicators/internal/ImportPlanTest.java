package cn.chuangwen.indicators.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.chuangwen.indicators.AssessmentMethod;
import cn.chuangwen.indicators.internal.ImportPlan.Planned;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/** Import validation: every bad input is refused with its row (header = row 1), field and reason. */
class ImportPlanTest {

	static ImportPlan plan(byte[] file) {
		return ImportPlan.of(IndicatorFile.read(file));
	}

	static List<FieldProblem> problems(byte[] file) {
		try {
			plan(file);
		}
		catch (InvalidInputException ex) {
			return ex.problems();
		}
		throw new AssertionError("expected the file to be refused");
	}

	static Stream<Arguments> badFiles() {
		return Stream.of(
				Arguments.of("missing code", ImportFiles.csv("A,,项目,甲,,,10,", ",A,内容,乙,,材料审核,5,"), 3, "code",
						"indicator.import.error.code.required"),
				Arguments.of("missing name", ImportFiles.csv("A,,项目,甲,,,10,", "A-1,A,内容,,,材料审核,5,"), 3, "name",
						"indicator.import.error.name.required"),
				Arguments.of("duplicate code",
						ImportFiles.csv("A,,项目,甲,,,10,", "A-1,A,内容,乙,,材料审核,5,", "A-1,A,内容,丙,,材料审核,5,"), 4, "code",
						"indicator.import.error.code.duplicate"),
				Arguments.of("unknown parent", ImportFiles.csv("A,,项目,甲,,,10,", "A-1,B,内容,乙,,材料审核,5,"), 3,
						"parentCode", "indicator.import.error.parent.unknown"),
				Arguments.of("own parent", ImportFiles.csv("A,A,项目,甲,,,10,"), 2, "parentCode",
						"indicator.import.error.parent.self"),
				Arguments.of("cycle", ImportFiles.csv("R,,项目,根,,,10,", "A,B,内容,甲,,,1,", "B,A,内容,乙,,,1,"), 3,
						"parentCode", "indicator.import.error.parent.cycle"),
				Arguments.of("unknown method", ImportFiles.csv("A,,项目,甲,,,10,", "A-1,A,内容,乙,,材料审核|飞行检查,5,"), 3,
						"methods", "indicator.import.error.method"),
				Arguments.of("score not a number", ImportFiles.csv("A,,项目,甲,,,10,", "A-1,A,内容,乙,,材料审核,五,"), 3,
						"score", "indicator.import.error.score.number"),
				Arguments.of("negative score", ImportFiles.csv("A,,项目,甲,,,10,", "A-1,A,内容,乙,,材料审核,-1,"), 3,
						"score", "indicator.error.score.negative"),
				Arguments.of("missing score", ImportFiles.csv("A,,项目,甲,,,10,", "A-1,A,内容,乙,,材料审核,,"), 3, "score",
						"indicator.import.error.score.required"),
				Arguments.of("children over parent",
						ImportFiles.csv("A,,项目,甲,,,10,", "A-1,A,内容,乙,,材料审核,6,", "A-2,A,内容,丙,,材料审核,5,"), 2,
						"score", "indicator.import.error.score.children"),
				Arguments.of("unknown level", ImportFiles.csv("A,,大项,甲,,,10,"), 2, "level",
						"indicator.import.error.level"),
				Arguments.of("target without unit",
						("code,parent_code,name,score,target_quantity,target_unit\nA,,甲,10,1200000,\n").getBytes(StandardCharsets.UTF_8),
						2, "targetUnit", "indicator.error.target.unitRequired"),
				Arguments.of("bad row after a blank line keeps its number",
						ImportFiles.csv("A,,项目,甲,,,10,", "", "A-1,A,内容,,,材料审核,5,"), 4, "name",
						"indicator.import.error.name.required"),
				Arguments.of("bad row in a workbook",
						ImportFiles.xlsx(List.of(ImportFiles.HEADER.split(","), new String[] { "A", "", "项目", "甲", "", "", "10", "" },
								new String[] { "A-1", "Z", "内容", "乙", "", "材料审核", "5", "" })),
						3, "parentCode", "indicator.import.error.parent.unknown"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badFiles")
	void refusesABadRowWithItsNumberFieldAndReason(String what, byte[] file, int row, String field, String key) {
		assertThat(problems(file)).as(what)
			.anySatisfy(p -> {
				assertThat(p.row()).isEqualTo(row);
				assertThat(p.field()).isEqualTo(field);
				assertThat(p.messageKey()).isEqualTo(key);
			});
	}

	static Stream<Arguments> badFileKinds() {
		byte[] gbk = (ImportFiles.HEADER + "\nA,,项目,基本指标,,,10,\n").getBytes(Charset.forName("GBK"));
		byte[] xls = new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 };
		return Stream.of(Arguments.of("a PNG", ImportFiles.png(), "import.read.type"),
				Arguments.of("a zip that is not a workbook", ImportFiles.zip(), "import.read.notXlsx"),
				Arguments.of("a Word document renamed .xlsx", ImportFiles.docx(), "import.read.notXlsx"),
				Arguments.of("an empty file", new byte[0], "indicator.import.error.empty"),
				Arguments.of("only blank lines", "\n\n \n".getBytes(StandardCharsets.UTF_8), "indicator.import.error.empty"),
				Arguments.of("a header without rows", (ImportFiles.HEADER + "\n").getBytes(StandardCharsets.UTF_8),
						"indicator.import.error.noRows"),
				Arguments.of("GBK text", gbk, "import.read.encoding"),
				Arguments.of("an old .xls", xls, "import.read.xls"),
				Arguments.of("a text file without the header", "hello,world\n1,2\n".getBytes(StandardCharsets.UTF_8),
						"indicator.import.error.header"),
				Arguments.of("over 5,000 rows", ImportFiles.manyRows(5001), "import.read.tooMany"),
				Arguments.of("an unclosed quote", ImportFiles.csv("A,,项目,\"甲,,,10,"), "import.read.quote"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badFileKinds")
	void refusesFilesThatAreNotIndicatorFiles(String what, byte[] file, String key) {
		assertThat(problems(file)).as(what).extracting(FieldProblem::messageKey).containsExactly(key);
		assertThat(problems(file)).allSatisfy(p -> assertThat(p.field()).isEqualTo("file"));
	}

	@Test
	void refusesMoreThanFiveMegabytesBeforeParsing() {
		byte[] big = new byte[IndicatorFile.MAX_BYTES + 1];
		Arrays.fill(big, (byte) 'a');
		assertThatThrownBy(() -> IndicatorFile.readLimited(new java.io.ByteArrayInputStream(big)))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::messageKey)
				.containsExactly("indicator.import.error.tooBig"));
	}

	@Test
	void reportsEveryBadRowAtOnceSortedByRow() {
		List<FieldProblem> problems = problems(ImportFiles.csv("A,,项目,甲,,,10,", "A-1,X,内容,乙,,材料审核,5,",
				"A-2,A,内容,,,飞行检查,abc,", "A-1,A,内容,丁,,材料审核,1,"));
		assertThat(problems).extracting(FieldProblem::row).containsExactly(3, 4, 4, 4, 5);
	}

	@Test
	void readsTheSampleAsATreeWithTargets() {
		ImportPlan plan = plan(ImportFiles.sample());
		assertThat(plan.indicators()).hasSize(36);
		assertThat(plan.leafCount()).isEqualTo(27);
		Planned green = plan.indicators().stream().filter(p -> p.code().equals("I-6-1")).findFirst().orElseThrow();
		assertThat(green.targetQuantity()).isEqualByComparingTo("1200000");
		assertThat(green.targetUnit()).isEqualTo("平方米");
		assertThat(green.methods()).containsExactly(AssessmentMethod.DOCUMENT_REVIEW, AssessmentMethod.FIELD_CHECK);
		assertThat(green.pointTypes()).containsExactly("广场公园");
		assertThat(green.depth()).isEqualTo(3);
		assertThat(green.row()).isEqualTo(28);
		// Depth first, parents before children, siblings in file order.
		assertThat(plan.indicators().stream().limit(6).map(Planned::code)).containsExactly("I", "I-1", "I-1-1", "I-1-2",
				"I-1-3", "I-1-4");
		assertThat(plan.indicators().get(plan.indicators().size() - 1).code()).isEqualTo("II-2");
	}

	@Test
	void readsTheSameTreeFromAWorkbookAndFromCsvWithBomAndCrlf() {
		List<String> fromCsv = codes(plan(ImportFiles.sample()));
		assertThat(codes(plan(ImportFiles.sampleXlsx()))).isEqualTo(fromCsv);
		String crlf = new String(ImportFiles.sample(), StandardCharsets.UTF_8).replace("\n", "\r\n");
		byte[] body = crlf.getBytes(StandardCharsets.UTF_8);
		byte[] withBom = new byte[body.length + 3];
		withBom[0] = (byte) 0xEF;
		withBom[1] = (byte) 0xBB;
		withBom[2] = (byte) 0xBF;
		System.arraycopy(body, 0, withBom, 3, body.length);
		assertThat(codes(plan(withBom))).isEqualTo(fromCsv);
	}

	@Test
	void acceptsParentsAfterTheirChildrenQuotedFieldsAndChineseHeaders() {
		byte[] file = ("编码,上级编码,层级,名称,测评标准,测评方法,分值,点位类型\n"
				+ "A-1,A,,乙,\"第一句，第二句,\n含逗号和换行\"\"引号\"\"\",实地考察、问卷调查,4,主次干道|背街小巷\n" + "A,,,甲,,,4,\n")
			.getBytes(StandardCharsets.UTF_8);
		ImportPlan plan = plan(file);
		assertThat(codes(plan)).containsExactly("A", "A-1");
		Planned child = plan.indicators().get(1);
		assertThat(child.criteria()).isEqualTo("第一句，第二句,\n含逗号和换行\"引号\"");
		assertThat(child.methods()).containsExactly(AssessmentMethod.FIELD_CHECK, AssessmentMethod.QUESTIONNAIRE);
		assertThat(child.pointTypes()).containsExactly("主次干道", "背街小巷");
		// A blank level follows the parent: 项目 at the top, then 内容.
		assertThat(plan.indicators().get(0).level()).isEqualTo("项目");
		assertThat(child.level()).isEqualTo("内容");
		assertThat(child.row()).isEqualTo(2);
		assertThat(plan.indicators().get(0).leaf()).isFalse();
		assertThat(child.leaf()).isTrue();
	}

	@Test
	void acceptsExactlyFiveThousandRowsAndNumbersWithSeparators() {
		assertThat(plan(ImportFiles.manyRows(4999)).indicators()).hasSize(5000);
		ImportPlan plan = plan(("code,name,score,target_quantity,target_unit\nA,甲,\"1,000.5\",\"1,200,000\",平方米\n")
			.getBytes(StandardCharsets.UTF_8));
		assertThat(plan.indicators().get(0).score()).isEqualByComparingTo(new BigDecimal("1000.5"));
		assertThat(plan.indicators().get(0).targetQuantity()).isEqualByComparingTo("1200000");
	}

	static List<String> codes(ImportPlan plan) {
		return plan.indicators().stream().map(Planned::code).toList();
	}

}
