package cn.chuangwen.tasks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.tasks.internal.TaskFigureStore;

/**
 * Assignment figures per lead unit for a period, for another module's computation (the
 * evaluation's TASK_PROGRESS and TASK_SIGNOFF sources). Not a read for a person: the caller scopes
 * what it shows. Progress is each assignment's percent against the percent its roadmap expects by
 * the period's end (at most 100; 100 when nothing is expected yet or it is signed off); sign-offs
 * count the assignments due before the period's end and those signed off by then.
 */
@Service
public class TaskFigures {

	/** A unit's figures: assignments, the sum of their progress (each 0–100), due ones and signed-off ones. */
	public record UnitTasks(long unitId, int assignments, BigDecimal progressSum, int due, int signedOff) {
	}

	private final TaskFigureStore store;

	public TaskFigures(TaskFigureStore store) {
		this.store = store;
	}

	/** The figures of the city's units for a period ending (exclusive) on {@code end}, Beijing time. */
	@Transactional(readOnly = true)
	public List<UnitTasks> of(long cityId, LocalDate end) {
		return store.figures(cityId, end, end.atStartOfDay(Assignments.ZONE).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
			.stream()
			.map(r -> new UnitTasks(r.unitId(), r.assignments(), r.progressSum(), r.due(), r.signedOff()))
			.toList();
	}

	/**
	 * When each of the city's assignments signed off before the period ending (exclusive) on
	 * {@code end} was signed off (the evaluation's LETTER_TARGETS source compares it with the
	 * letter's deadline).
	 */
	@Transactional(readOnly = true)
	public Map<Long, Instant> signOffs(long cityId, LocalDate end) {
		Map<Long, Instant> out = new HashMap<>();
		store.signOffs(cityId, end.atStartOfDay(Assignments.ZONE).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
			.forEach(r -> out.put(r.assignmentId(), r.at()));
		return out;
	}

}
