package cn.chuangwen.tasks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The state rules with a fixed "today". */
class AssignmentStateTest {

	static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

	static final TaskSettings RULES = TaskSettings.defaults();

	static Stream<Arguments> cases() {
		List<Milestone> roadmap = List.of(new Milestone(TODAY.minusDays(10), 50), new Milestone(TODAY.plusDays(20), 100));
		return Stream.of(
				Arguments.of("signed off wins over a past deadline", true, 100, TODAY.minusDays(3), roadmap, AssignmentState.SIGNED_OFF),
				Arguments.of("past the deadline", false, 90, TODAY.minusDays(1), List.of(), AssignmentState.OVERDUE),
				Arguments.of("deadline today is not overdue yet", false, 100, TODAY, List.of(), AssignmentState.ON_TRACK),
				Arguments.of("behind the current milestone by 20", false, 30, TODAY.plusDays(30), roadmap, AssignmentState.AT_RISK),
				Arguments.of("behind by 19 only", false, 31, TODAY.plusDays(30), roadmap, AssignmentState.ON_TRACK),
				Arguments.of("due within 7 days below 100", false, 95, TODAY.plusDays(7), List.of(), AssignmentState.AT_RISK),
				Arguments.of("due in 8 days", false, 95, TODAY.plusDays(8), List.of(), AssignmentState.ON_TRACK),
				Arguments.of("nothing done, no milestone passed", false, 0, TODAY.plusDays(30), List.of(new Milestone(TODAY.plusDays(5), 40)), AssignmentState.NOT_STARTED),
				Arguments.of("nothing done, behind a milestone", false, 0, TODAY.plusDays(30), roadmap, AssignmentState.AT_RISK),
				Arguments.of("100 percent within 7 days is fine", false, 100, TODAY.plusDays(2), List.of(), AssignmentState.ON_TRACK));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void state(String name, boolean signedOff, int percent, LocalDate deadline, List<Milestone> milestones,
			AssignmentState expected) {
		assertThat(AssignmentState.compute(signedOff, percent, deadline, milestones, TODAY, RULES)).isEqualTo(expected);
	}

	@Test
	void expectedPercentIsTheLatestPassedMilestone() {
		List<Milestone> ms = List.of(new Milestone(TODAY.plusDays(1), 90), new Milestone(TODAY.minusDays(5), 40),
				new Milestone(TODAY, 60), new Milestone(TODAY.minusDays(9), 20));
		assertThat(AssignmentState.expectedPercent(ms, TODAY)).isEqualTo(60);
		assertThat(AssignmentState.expectedPercent(ms, TODAY.minusDays(6))).isEqualTo(20);
		assertThat(AssignmentState.expectedPercent(ms, TODAY.minusDays(10))).isZero();
	}

	@Test
	void thresholdsAreCitySettings() {
		TaskSettings strict = new TaskSettings(10, 14, 30, null, 0);
		assertThat(AssignmentState.compute(false, 95, TODAY.plusDays(10), List.of(), TODAY, strict))
			.isEqualTo(AssignmentState.AT_RISK);
		assertThat(AssignmentState.compute(false, 95, TODAY.plusDays(10), List.of(), TODAY, RULES))
			.isEqualTo(AssignmentState.ON_TRACK);
	}

	/** Properties over random assignments: each state is reachable only by its rule. */
	@Test
	void randomAssignmentsObeyTheRules() {
		Random random = new Random(20261126);
		for (int i = 0; i < 2000; i++) {
			boolean signed = random.nextInt(10) == 0;
			int percent = random.nextInt(101);
			LocalDate deadline = TODAY.plusDays(random.nextInt(120) - 30);
			List<Milestone> ms = new ArrayList<>();
			int p = 0;
			for (LocalDate d = TODAY.minusDays(60); d.isBefore(deadline); d = d.plusDays(15 + random.nextInt(20))) {
				p = Math.min(100, p + random.nextInt(40));
				ms.add(new Milestone(d, p));
			}
			AssignmentState s = AssignmentState.compute(signed, percent, deadline, ms, TODAY, RULES);
			if (signed) {
				assertThat(s).isEqualTo(AssignmentState.SIGNED_OFF);
			}
			else if (deadline.isBefore(TODAY)) {
				assertThat(s).isEqualTo(AssignmentState.OVERDUE);
			}
			else {
				assertThat(s).isNotIn(AssignmentState.SIGNED_OFF, AssignmentState.OVERDUE);
				boolean behind = AssignmentState.expectedPercent(ms, TODAY) - percent >= 20;
				boolean close = !deadline.isAfter(TODAY.plusDays(7)) && percent < 100;
				assertThat(s == AssignmentState.AT_RISK).isEqualTo(behind || close);
				if (!behind && !close) {
					assertThat(s).isEqualTo(percent == 0 ? AssignmentState.NOT_STARTED : AssignmentState.ON_TRACK);
				}
			}
		}
	}

	@Test
	void backwardsSchedulingEndsOnTheDeadlineAndIncreases() {
		List<Milestone> ms = Assignments.scheduleBackwards(TODAY, TODAY.plusDays(100));
		assertThat(ms).extracting(Milestone::percent).containsExactly(25, 50, 75, 100);
		assertThat(ms.get(3).date()).isEqualTo(TODAY.plusDays(100));
		assertThat(ms.get(0).date()).isAfter(TODAY);
		assertThat(Assignments.scheduleBackwards(TODAY, TODAY)).containsExactly(new Milestone(TODAY, 100));
	}

}
