package cn.chuangwen.evaluation.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The city's civilization index: the mean of the towns that have an index. */
class IndexRuleTest {

	@Test
	void theCityIndexIsTheMeanOfTheTownsWithATotal() {
		assertThat(IndexRule.cityIndex(Arrays.asList(new BigDecimal("90"), null, new BigDecimal("85.5"), new BigDecimal("80"))))
			.isEqualByComparingTo("85.17");
		assertThat(IndexRule.cityIndex(List.of(new BigDecimal("77.777")))).isEqualByComparingTo("77.78");
		assertThat(IndexRule.cityIndex(Arrays.asList((BigDecimal) null))).isNull();
		assertThat(IndexRule.cityIndex(List.of())).isNull();
	}

}
