package cn.chuangwen.tasks.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per lead unit, the assignment figures of a period for other modules' computations (the
 * evaluation's task sources): one grouped query over the assignments that existed and had started
 * before the period's end and were not withdrawn by then.
 */
@Repository
public class TaskFigureStore {

	/** The percent a roadmap expects by the period's end: its last milestone before that day, 0 before the first. */
	private static final String EXPECTED = """
			coalesce((select max(m.percent) from milestone m where m.assignment_id = a.id and m.due_date < :endDate), 0)""";

	/**
	 * A unit's figures: its assignments, the sum over them of progress against the roadmap (each
	 * 0–100), those whose deadline fell before the period's end and how many of those were signed off
	 * by then.
	 */
	public record Row(long unitId, int assignments, BigDecimal progressSum, int due, int signedOff) {
	}

	private final JdbcClient jdbc;

	TaskFigureStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Row> figures(long cityId, LocalDate endDate, OffsetDateTime end) {
		return jdbc.sql("""
				select a.lead_unit_id, count(*),
				       sum(case when a.signed_off_at is not null and a.signed_off_at < :end then 100.0
				                when %1$s = 0 then 100.0
				                when a.percent >= %1$s then 100.0
				                else a.percent * 100.0 / %1$s end),
				       sum(case when a.deadline < :endDate then 1 else 0 end),
				       sum(case when a.deadline < :endDate and a.signed_off_at is not null and a.signed_off_at < :end
				                then 1 else 0 end)
				from assignment a
				where a.city_id = :c and a.created_at < :end and a.start_date < :endDate
				  and (a.withdrawn_at is null or a.withdrawn_at >= :end)
				group by a.lead_unit_id""".formatted(EXPECTED))
			.param("c", cityId)
			.param("end", end)
			.param("endDate", endDate)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getInt(2), rs.getBigDecimal(3), rs.getInt(4), rs.getInt(5)))
			.list();
	}

	/** An assignment's sign-off time. */
	public record SignOff(long assignmentId, Instant at) {
	}

	/** The city's assignments signed off before {@code end}, with when. */
	public List<SignOff> signOffs(long cityId, OffsetDateTime end) {
		return jdbc.sql("select id, signed_off_at from assignment where city_id = :c and signed_off_at < :end")
			.param("c", cityId)
			.param("end", end)
			.query((rs, n) -> new SignOff(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
			.list();
	}

}
