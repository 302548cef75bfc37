package cn.chuangwen.inspections.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.chuangwen.inspections.InspectionRules;
import cn.chuangwen.shared.PeriodCode;

/** SQL for a city's inspection rules ({@code inspection_settings}); no row means the defaults. */
@Repository
public class InspectionRulesStore {

	private final JdbcClient jdbc;

	public InspectionRulesStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<InspectionRules> find(long cityId) {
		return jdbc.sql("""
				select period_kind, announced_weight, unannounced_weight, min_points, green_share, red_share,
				       max_distance_m, dispatch_announced_at_once, version
				from inspection_settings where city_id = :city
				""")
			.param("city", cityId)
			.query((rs, n) -> new InspectionRules(PeriodCode.Kind.valueOf(rs.getString(1)), rs.getBigDecimal(2),
					rs.getBigDecimal(3), rs.getInt(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getInt(7),
					rs.getBoolean(8), rs.getInt(9)))
			.optional();
	}

}
