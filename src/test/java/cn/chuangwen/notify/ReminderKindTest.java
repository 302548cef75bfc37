package cn.chuangwen.notify;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderKindTest {

	static final LocalDate DAY = LocalDate.of(2026, 11, 26);

	@ParameterizedTest(name = "deadline in {0} days -> {1}")
	@CsvSource({ "7, DUE_7", "3, DUE_3", "1, DUE_1", "-1, OVERDUE", "-30, OVERDUE", "0, ", "2, ", "4, ", "5, ", "6, ",
			"8, ", "365, " })
	void remindsSevenThreeAndOneDaysBeforeAndEveryDayAfter(int daysLeft, ReminderKind expected) {
		assertThat(ReminderKind.on(DAY.plusDays(daysLeft), DAY)).isEqualTo(Optional.ofNullable(expected));
	}

	/** Property: an overdue assignment is reminded on every later day, over month and year ends. */
	@Test
	void overdueRepeatsEveryDayAcrossMonthsAndYears() {
		Random random = new Random(20261126L);
		for (int i = 0; i < 500; i++) {
			LocalDate deadline = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(3000));
			LocalDate day = deadline.plusDays(1 + random.nextInt(400));
			assertThat(ReminderKind.on(deadline, day)).contains(ReminderKind.OVERDUE);
			assertThat(ReminderKind.on(deadline, deadline)).isEmpty();
		}
	}

	/** Property: before the deadline, exactly three days of the run-up carry a reminder. */
	@Test
	void exactlyThreeRemindersBeforeTheDeadline() {
		Random random = new Random(7L);
		for (int i = 0; i < 200; i++) {
			LocalDate deadline = LocalDate.of(2024, 2, 1).plusDays(random.nextInt(1000));
			long reminded = 0;
			for (int d = 0; d <= 60; d++) {
				if (ReminderKind.on(deadline, deadline.minusDays(d)).isPresent()) {
					reminded++;
				}
			}
			assertThat(reminded).isEqualTo(3);
		}
	}

}
