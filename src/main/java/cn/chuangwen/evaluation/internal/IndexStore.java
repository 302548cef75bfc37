package cn.chuangwen.evaluation.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The civilization index's scheme per city and its published figures. Every read names the city. */
@Repository
public class IndexStore {

	private final JdbcClient jdbc;

	IndexStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A scheme of the city as the index needs it. */
	public record Scheme(long id, String name, String periodKind, String rankingGroup) {
	}

	/** A town's frozen total in a published quarter of the index scheme (null: sample too small). */
	public record TownTotal(String period, long periodId, String unitName, BigDecimal total, Integer rank) {
	}

	public Optional<Scheme> scheme(long cityId, long schemeId) {
		return jdbc.sql("select id, name, period_kind, ranking_group from evaluation_scheme where id = :s and city_id = :c")
			.param("s", schemeId)
			.param("c", cityId)
			.query((rs, n) -> new Scheme(rs.getLong("id"), rs.getString("name"), rs.getString("period_kind"),
					rs.getString("ranking_group")))
			.optional();
	}

	/** The index scheme of the city, if the office named one. */
	public Optional<Scheme> indexScheme(long cityId) {
		return jdbc.sql("""
				select s.id, s.name, s.period_kind, s.ranking_group from civilization_index i
				join evaluation_scheme s on s.id = i.scheme_id and s.city_id = i.city_id where i.city_id = :c""")
			.param("c", cityId)
			.query((rs, n) -> new Scheme(rs.getLong("id"), rs.getString("name"), rs.getString("period_kind"),
					rs.getString("ranking_group")))
			.optional();
	}

	/** Names (or, with null, clears) the city's index scheme. */
	public void setIndexScheme(long cityId, Long schemeId, Instant at, String by) {
		jdbc.sql("delete from civilization_index where city_id = :c").param("c", cityId).update();
		if (schemeId != null) {
			jdbc.sql("insert into civilization_index (city_id, scheme_id, set_at, set_by) values (:c, :s, :at, :by)")
				.param("c", cityId)
				.param("s", schemeId)
				.param("at", Timestamp.from(at))
				.param("by", by)
				.update();
		}
	}

	/** Every town's total of the scheme in the city's published periods, oldest period first, by rank. */
	public List<TownTotal> publishedTotals(long cityId, long schemeId) {
		return jdbc.sql("""
				select p.code, p.id, s.unit_name, case when s.sample_too_small then null else s.total end as total, s.rank_no
				from evaluation_period p
				join evaluation_score s on s.period_id = p.id
				where p.city_id = :c and p.state = 'PUBLISHED' and s.scheme_id = :s
				order by p.code, case when s.rank_no is null then 1 else 0 end, s.rank_no, s.unit_code""")
			.param("c", cityId)
			.param("s", schemeId)
			.query((rs, n) -> new TownTotal(rs.getString("code"), rs.getLong("id"), rs.getString("unit_name"),
					rs.getBigDecimal("total"), (Integer) rs.getObject("rank_no", Integer.class)))
			.list();
	}

}
