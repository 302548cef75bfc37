package cn.chuangwen.indicators.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * The score rule as a property over random trees (seeded, so a failure repeats): an import is
 * refused exactly for the parents whose children score more than they do, each reported on the
 * parent's own row, and a tree where every parent covers its children imports.
 */
class ScoreSumRuleTest {

	static IntStream seeds() {
		return IntStream.range(0, 200);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void aParentIsReportedExactlyWhenItsChildrenScoreMore(int seed) {
		Random random = new Random(20261126L + seed);
		StringBuilder csv = new StringBuilder(ImportFiles.HEADER).append('\n');
		List<Integer> expectedRows = new ArrayList<>();
		int row = 2;
		int parents = 1 + random.nextInt(5);
		BigDecimal rootScore = BigDecimal.ZERO;
		List<String> lines = new ArrayList<>();
		List<BigDecimal> parentScores = new ArrayList<>();
		for (int p = 0; p < parents; p++) {
			int children = 1 + random.nextInt(6);
			BigDecimal sum = BigDecimal.ZERO;
			List<String> childLines = new ArrayList<>();
			for (int c = 0; c < children; c++) {
				BigDecimal score = BigDecimal.valueOf(random.nextInt(10_000), 3);
				sum = sum.add(score);
				childLines.add("P" + p + "-" + c + ",P" + p + ",标准,子项,,实地考察," + score.toPlainString() + ",");
			}
			// Around the children's sum: equal, a little above, or a little below.
			BigDecimal parentScore = switch (random.nextInt(3)) {
				case 0 -> sum;
				case 1 -> sum.add(BigDecimal.valueOf(1 + random.nextInt(1000), 3));
				default -> sum.subtract(BigDecimal.valueOf(1 + random.nextInt(1000), 3)).max(BigDecimal.ZERO);
			};
			parentScores.add(parentScore);
			rootScore = rootScore.add(parentScore);
			lines.add("P" + p + ",ROOT,内容,分组,,," + parentScore.toPlainString() + ",");
			lines.addAll(childLines);
			if (sum.compareTo(parentScore) > 0) {
				expectedRows.add(row + 1);
			}
			row += 1 + children;
		}
		csv.append("ROOT,,项目,根,,,").append(rootScore.toPlainString()).append(",\n");
		lines.forEach(l -> csv.append(l).append('\n'));
		byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

		List<Integer> reported = new ArrayList<>();
		try {
			ImportPlan.of(IndicatorFile.read(file));
		}
		catch (InvalidInputException ex) {
			assertThat(ex.problems()).allSatisfy(fp -> {
				assertThat(fp.messageKey()).isEqualTo("indicator.import.error.score.children");
				assertThat(fp.field()).isEqualTo("score");
			});
			ex.problems().stream().map(FieldProblem::row).forEach(reported::add);
		}
		assertThat(reported).isEqualTo(expectedRows);
	}

}
