package cn.chuangwen.inspections.internal;

import java.time.Instant;
import java.time.ZoneOffset;
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

	/** The city's first own rules, at version 1; a concurrent first change fails on the key. */
	public void insert(long cityId, InspectionRules r, Instant at, String by) {
		jdbc.sql("""
				insert into inspection_settings (city_id, period_kind, announced_weight, unannounced_weight, min_points,
				    green_share, red_share, max_distance_m, dispatch_announced_at_once, version, updated_at, updated_by)
				values (:city, :kind, :aw, :uw, :min, :green, :red, :dist, :dispatch, 1, :at, :by)""")
			.params(values(cityId, r, at, by))
			.update();
	}

	/** Changes the city's rules from {@code r.version()}; false when someone changed them first. */
	public boolean update(long cityId, InspectionRules r, Instant at, String by) {
		return jdbc.sql("""
				update inspection_settings set period_kind = :kind, announced_weight = :aw, unannounced_weight = :uw,
				    min_points = :min, green_share = :green, red_share = :red, max_distance_m = :dist,
				    dispatch_announced_at_once = :dispatch, version = version + 1, updated_at = :at, updated_by = :by
				where city_id = :city and version = :version""")
			.params(values(cityId, r, at, by))
			.param("version", r.version())
			.update() == 1;
	}

	private static java.util.Map<String, Object> values(long cityId, InspectionRules r, Instant at, String by) {
		java.util.Map<String, Object> v = new java.util.HashMap<>();
		v.put("city", cityId);
		v.put("kind", r.periodKind().name());
		v.put("aw", r.announcedWeight());
		v.put("uw", r.unannouncedWeight());
		v.put("min", r.minPoints());
		v.put("green", r.greenShare());
		v.put("red", r.redShare());
		v.put("dist", r.maxDistanceMetres());
		v.put("dispatch", r.dispatchAnnouncedAtOnce());
		v.put("at", at.atOffset(ZoneOffset.UTC));
		v.put("by", by);
		return v;
	}

}
