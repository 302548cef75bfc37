package cn.chuangwen.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.chuangwen.problems.internal.ProblemStore.Cell;

class ProblemStatisticsTest {

	@Test
	void theMedianOfAnOddCountIsTheMiddleValue() {
		// 1, 1, 5, 9, 9 → 5
		assertThat(ProblemStatistics.median(List.of(new long[] { 1, 2 }, new long[] { 5, 1 }, new long[] { 9, 2 })))
			.isEqualTo(5L);
	}

	@Test
	void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValuesRounded() {
		// 2, 3, 3, 8 → (3 + 3) / 2; 2, 3, 8, 8 → 5.5 → 6
		assertThat(ProblemStatistics.median(List.of(new long[] { 2, 1 }, new long[] { 3, 2 }, new long[] { 8, 1 })))
			.isEqualTo(3L);
		assertThat(ProblemStatistics.median(List.of(new long[] { 2, 1 }, new long[] { 3, 1 }, new long[] { 8, 2 })))
			.isEqualTo(6L);
	}

	@Test
	void nothingClosedHasNoMedian() {
		assertThat(ProblemStatistics.median(List.of())).isNull();
	}

	@Test
	void theTotalsCountDueOnlyWhatIsRectifiedOrPastItsDeadline() {
		List<Cell> cells = List.of(
				// 4 pending, 3 of them past the deadline: found, never dispatched nor due
				new Cell("OFFICE", 1, "环境卫生", "PENDING", "2026-11", 4, 3, 0, 0),
				// 10 rectifying, 6 overdue, 1 a recurrence: due 6, on time 0
				new Cell("CITIZEN", 1, "环境卫生", "RECTIFYING", "2026-11", 10, 6, 2, 1),
				// 5 submitted, 4 of them in time: all 5 due
				new Cell("CITIZEN", 2, "占道经营", "SUBMITTED", "2026-10", 5, 5, 4, 0),
				// 20 closed, 15 in time, 2 recurrences: all 20 due
				new Cell("INSPECTION", 2, "占道经营", "CLOSED", "2026-10", 20, 20, 15, 2));
		ProblemStatistics.Totals totals = ProblemStatistics.totals(cells, 30L);
		assertThat(totals.found()).isEqualTo(39);
		assertThat(totals.dispatched()).isEqualTo(35);
		assertThat(totals.due()).isEqualTo(31);
		assertThat(totals.onTime()).isEqualTo(19);
		assertThat(totals.onTimeRate()).isEqualByComparingTo(new BigDecimal("61.3"));
		assertThat(totals.closed()).isEqualTo(20);
		assertThat(totals.recurrences()).isEqualTo(3);
		assertThat(totals.recurrenceRate()).isEqualByComparingTo(new BigDecimal("7.7"));
		assertThat(totals.medianHoursToClose()).isEqualTo(30L);
	}

}
