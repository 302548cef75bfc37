package cn.chuangwen.inspections.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the field score rates (得分率) per checklist item group: the item results (OK or DEDUCT,
 * never NA) of inspections of the city's closed rounds, grouped by the item's point type and the
 * indicator leaf the item names (null when it names none).
 */
@Repository
public class FieldRateStore {

	private final JdbcClient jdbc;

	public FieldRateStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One group: results, deducted and possible points, distinct points with a deduction, last check. */
	public record Row(String pointType, Long indicatorId, long results, BigDecimal deducted, BigDecimal possible,
			long failingPoints, long points) {
	}

	/** Groups of the inspections checked in [from, to) of rounds closed before {@code to}. */
	public List<Row> rates(long cityId, Instant from, Instant to) {
		return jdbc.sql("""
				select c.point_type, c.indicator_id, count(*), sum(r.deduction), sum(c.max_deduction),
				       count(distinct case when r.deduction > 0 then i.field_point_id end),
				       count(distinct i.field_point_id)
				from inspection i
				join inspection_plan p on p.id = i.plan_id
				join inspection_result r on r.inspection_id = i.id
				join checklist_item c on c.id = r.item_id
				where i.city_id = :city and p.city_id = :city and p.state = 'CLOSED' and p.closed_at < :to
				  and i.checked_at >= :from and i.checked_at < :to and r.outcome <> 'NA'
				group by c.point_type, c.indicator_id
				""")
			.param("city", cityId)
			.param("from", from.atOffset(ZoneOffset.UTC))
			.param("to", to.atOffset(ZoneOffset.UTC))
			.query((rs, n) -> {
				long indicator = rs.getLong(2);
				return new Row(rs.getString(1), rs.wasNull() ? null : indicator, rs.getLong(3), rs.getBigDecimal(4),
						rs.getBigDecimal(5), rs.getLong(6), rs.getLong(7));
			})
			.list();
	}

}
