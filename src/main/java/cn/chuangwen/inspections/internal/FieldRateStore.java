package cn.chuangwen.inspections.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the field score rates (得分率) per checklist item group: the item results (OK or DEDUCT,
 * never NA) of the city's closed rounds, grouped by the item's point type and the indicator leaf
 * the item names (null when it names none). A round's groups are stored when it closes
 * ({@link FieldRateRounds}, V62 {@code inspection_round_rate}); a closed round without stored groups
 * is summed from its item results.
 */
@Repository
public class FieldRateStore {

	private static final String GROUPS = """
			select c.point_type, c.indicator_id, count(*), sum(r.deduction), sum(c.max_deduction),
			       count(distinct case when r.deduction > 0 then i.field_point_id end),
			       count(distinct i.field_point_id)
			from inspection i
			join inspection_result r on r.inspection_id = i.id
			join checklist_item c on c.id = r.item_id
			where i.plan_id in (:plans) and r.outcome <> 'NA'
			group by c.point_type, c.indicator_id
			""";

	private final JdbcClient jdbc;

	public FieldRateStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One group: results, deducted and possible points, points with a deduction and points checked
	 * (distinct within a round, summed over rounds).
	 */
	public record Row(String pointType, Long indicatorId, long results, BigDecimal deducted, BigDecimal possible,
			long failingPoints, long points) {
	}

	/** The groups of the rounds of the city closed in [from, to). */
	public List<Row> rates(long cityId, Instant from, Instant to) {
		List<Row> rows = new ArrayList<>(jdbc.sql("""
				select s.point_type, s.indicator_key, sum(s.results), sum(s.deducted), sum(s.possible),
				       sum(s.failing_points), sum(s.points)
				from inspection_round_rate s
				join inspection_plan p on p.id = s.plan_id
				where p.city_id = :city and p.state = 'CLOSED' and p.closed_at >= :from and p.closed_at < :to
				group by s.point_type, s.indicator_key
				""")
			.param("city", cityId)
			.param("from", from.atOffset(ZoneOffset.UTC))
			.param("to", to.atOffset(ZoneOffset.UTC))
			.query((rs, n) -> {
				long key = rs.getLong(2);
				return new Row(rs.getString(1), key == 0 ? null : key, rs.getLong(3), rs.getBigDecimal(4),
						rs.getBigDecimal(5), rs.getLong(6), rs.getLong(7));
			})
			.list());
		List<Long> unrated = jdbc.sql("""
				select p.id from inspection_plan p
				where p.city_id = :city and p.state = 'CLOSED' and p.closed_at >= :from and p.closed_at < :to
				  and not exists (select 1 from inspection_round_rated d where d.plan_id = p.id)
				""")
			.param("city", cityId)
			.param("from", from.atOffset(ZoneOffset.UTC))
			.param("to", to.atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.list();
		if (!unrated.isEmpty()) {
			rows.addAll(live(unrated));
		}
		return merge(rows);
	}

	/** The groups of the given rounds, from their item results. */
	List<Row> live(List<Long> plans) {
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < plans.size(); i += 500) {
			List<Long> chunk = plans.subList(i, Math.min(plans.size(), i + 500));
			rows.addAll(jdbc.sql(GROUPS).param("plans", chunk).query((rs, n) -> {
				long indicator = rs.getLong(2);
				return new Row(rs.getString(1), rs.wasNull() ? null : indicator, rs.getLong(3), rs.getBigDecimal(4),
						rs.getBigDecimal(5), rs.getLong(6), rs.getLong(7));
			}).list());
		}
		return rows;
	}

	/** The closed rounds without stored groups (closed before V62, or written without the closing service). */
	public List<long[]> unratedRounds() {
		return jdbc.sql("""
				select p.id, p.city_id from inspection_plan p
				where p.state = 'CLOSED' and not exists (select 1 from inspection_round_rated d where d.plan_id = p.id)
				order by p.id""")
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
	}

	/** Stores the round's groups (once: a second call for the same round stores nothing). */
	public void storeRound(long cityId, long planId, Instant at) {
		if (jdbc.sql("select count(*) from inspection_round_rated where plan_id = :plan").param("plan", planId)
			.query(Integer.class).single() > 0) {
			return;
		}
		for (Row r : live(List.of(planId))) {
			jdbc.sql("""
					insert into inspection_round_rate (plan_id, city_id, point_type, indicator_key, results, deducted,
					    possible, failing_points, points)
					values (:plan, :city, :type, :key, :results, :deducted, :possible, :failing, :points)""")
				.param("plan", planId)
				.param("city", cityId)
				.param("type", r.pointType())
				.param("key", r.indicatorId() == null ? 0L : r.indicatorId())
				.param("results", r.results())
				.param("deducted", r.deducted())
				.param("possible", r.possible())
				.param("failing", r.failingPoints())
				.param("points", r.points())
				.update();
		}
		jdbc.sql("insert into inspection_round_rated (plan_id, city_id, computed_at) values (:plan, :city, :at)")
			.param("plan", planId)
			.param("city", cityId)
			.param("at", at.atOffset(ZoneOffset.UTC))
			.update();
	}

	private static List<Row> merge(List<Row> rows) {
		Map<List<Object>, Row> merged = new LinkedHashMap<>();
		for (Row r : rows) {
			merged.merge(java.util.Arrays.asList(r.pointType(), r.indicatorId()), r,
					(a, b) -> new Row(a.pointType(), a.indicatorId(), a.results() + b.results(),
							a.deducted().add(b.deducted()), a.possible().add(b.possible()),
							a.failingPoints() + b.failingPoints(), a.points() + b.points()));
		}
		return List.copyOf(merged.values().stream().filter(Objects::nonNull).toList());
	}

}
