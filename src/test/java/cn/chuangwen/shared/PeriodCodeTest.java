package cn.chuangwen.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodCodeTest {

	@Test
	void readsEveryKindTheIssuesSpell() {
		assertThat(PeriodCode.parse("2026-11")).extracting(PeriodCode::kind, PeriodCode::start, PeriodCode::end)
			.containsExactly(PeriodCode.Kind.MONTH, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1));
		assertThat(PeriodCode.parse("2026-B6")).extracting(PeriodCode::kind, PeriodCode::start, PeriodCode::end)
			.containsExactly(PeriodCode.Kind.BIMONTH, LocalDate.of(2026, 11, 1), LocalDate.of(2027, 1, 1));
		assertThat(PeriodCode.parse("2026-Q4")).extracting(PeriodCode::start, PeriodCode::end)
			.containsExactly(LocalDate.of(2026, 10, 1), LocalDate.of(2027, 1, 1));
		assertThat(PeriodCode.parse("2026-W48")).extracting(PeriodCode::kind, PeriodCode::start, PeriodCode::end)
			.containsExactly(PeriodCode.Kind.WEEK, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 30));
		assertThat(PeriodCode.parse(" 2026 ")).extracting(PeriodCode::text, PeriodCode::end)
			.containsExactly("2026", LocalDate.of(2027, 1, 1));
		// 2026 has 53 ISO weeks; its week 1 begins in 2025
		assertThat(PeriodCode.parse("2026-W53").start()).isEqualTo(LocalDate.of(2026, 12, 28));
		assertThat(PeriodCode.parse("2026-W01").start()).isEqualTo(LocalDate.of(2025, 12, 29));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "2026-13", "2026-00", "2026-B7", "2026-B0", "2026-Q5", "2025-W53", "2026-W00",
			"1999", "2101-01", "26-11", "2026-11-01", "２０２６", "2026-b6", "2026-W4" })
	void refusesAnythingElseOnTheField(String text) {
		assertThatThrownBy(() -> PeriodCode.parse(text, "period")).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> assertThat(ex.problems()).singleElement()
					.satisfies(p -> assertThat(p.field()).isEqualTo("period"))
					.satisfies(p -> assertThat(p.messageKey()).isEqualTo("period.error.format")));
		assertThatThrownBy(() -> PeriodCode.parse(null)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void findsThePeriodOfADayAndItsNeighbours() {
		LocalDate day = LocalDate.of(2026, 12, 1);
		assertThat(PeriodCode.of(PeriodCode.Kind.BIMONTH, day).text()).isEqualTo("2026-B6");
		assertThat(PeriodCode.of(PeriodCode.Kind.WEEK, day).text()).isEqualTo("2026-W49");
		assertThat(PeriodCode.of(PeriodCode.Kind.QUARTER, day).text()).isEqualTo("2026-Q4");
		assertThat(PeriodCode.parse("2026-B1").previous().text()).isEqualTo("2025-B6");
		assertThat(PeriodCode.parse("2026-W01").previous().text()).isEqualTo("2025-W52");
		assertThat(PeriodCode.parse("2026-12").next().text()).isEqualTo("2027-01");
		assertThat(PeriodCode.parse("2026-B6").contains(LocalDate.of(2026, 12, 31))).isTrue();
		assertThat(PeriodCode.parse("2026-B6").contains(LocalDate.of(2027, 1, 1))).isFalse();
	}

	@Test
	void theFirstPeriodOfTheFirstYearHasNoPrevious() {
		assertThat(PeriodCode.parse("2000-01").hasPrevious()).isFalse();
		assertThat(PeriodCode.parse("2000-Q1").hasPrevious()).isFalse();
		assertThat(PeriodCode.parse("2000").hasPrevious()).isFalse();
		assertThat(PeriodCode.parse("2000-W01").hasPrevious()).isFalse();
		assertThat(PeriodCode.parse("2000-02").hasPrevious()).isTrue();
		assertThat(PeriodCode.parse("2001-B1").previous().text()).isEqualTo("2000-B6");
	}

}
