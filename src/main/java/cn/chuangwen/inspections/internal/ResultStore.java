package cn.chuangwen.inspections.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.inspections.InspectionResults.Finding;
import cn.chuangwen.inspections.InspectionResults.Publication;
import cn.chuangwen.inspections.PlanKind;
import cn.chuangwen.inspections.ResultBand;
import cn.chuangwen.inspections.ResultLine;

/**
 * SQL of a period's results: the scored inspections of its closed rounds grouped by unit and kind,
 * the rounds still open, the most deducted checklist items, and the publications (V40). Plans are
 * read here, never written.
 */
@Repository
public class ResultStore {

	private static final String PUBLICATION = """
			select id, period, announced_weight, unannounced_weight, min_points, green_share, red_share, inspections,
			       bulletin_number, published_at, published_by
			from inspection_publication\s""";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	public ResultStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/** One unit's scored points of one kind in a period: how many and their sum. */
	public record KindFigures(long unitId, PlanKind kind, int points, BigDecimal sum) {
	}

	/** A plan as the results need it: its name and period. */
	public record PlanName(long id, String name, String period, PlanKind kind) {
	}

	/**
	 * The scored inspections of the period's closed rounds, per unit and kind (one grouped query
	 * on {@code ix_inspection_city_period}); an inspection whose items were all N/A has no score
	 * and does not count.
	 */
	public List<KindFigures> figures(long cityId, String period) {
		return jdbc.sql("""
				select i.unit_id, i.kind, count(*), sum(i.score)
				from inspection i join inspection_plan p on p.id = i.plan_id
				where i.city_id = :c and i.period = :p and i.score is not null and p.state = 'CLOSED'
				group by i.unit_id, i.kind
				""")
			.param("c", cityId)
			.param("p", period)
			.query((rs, n) -> new KindFigures(rs.getLong(1), PlanKind.valueOf(rs.getString(2)), rs.getInt(3),
					rs.getBigDecimal(4)))
			.list();
	}

	/** The period's rounds still open, by name. */
	public List<PlanName> openPlans(long cityId, String period) {
		return jdbc.sql("""
				select id, name, period, kind from inspection_plan
				where city_id = :c and period = :p and state = 'OPEN' order by name, id""")
			.param("c", cityId)
			.param("p", period)
			.query(ResultStore::plan)
			.list();
	}

	/** Every open round of the city, whatever its period. */
	public List<PlanName> openPlans(long cityId) {
		return jdbc.sql("select id, name, period, kind from inspection_plan where city_id = :c and state = 'OPEN' order by name, id")
			.param("c", cityId)
			.query(ResultStore::plan)
			.list();
	}

	/** How many scored inspections the period's closed rounds hold. */
	public int scoredInspections(long cityId, String period) {
		return jdbc.sql("""
				select count(*) from inspection i join inspection_plan p on p.id = i.plan_id
				where i.city_id = :c and i.period = :p and i.score is not null and p.state = 'CLOSED'""")
			.param("c", cityId)
			.param("p", period)
			.query(Integer.class)
			.single();
	}

	/** The periods with a closed round or a publication, any order (the caller sorts by date). */
	public List<String> periods(long cityId) {
		return jdbc.sql("""
				select period from inspection_plan where city_id = :c and state = 'CLOSED'
				union select period from inspection_publication where city_id = :c""")
			.param("c", cityId)
			.query(String.class)
			.list();
	}

	/** The periods of the city that were published, any order. */
	public List<String> publishedPeriods(long cityId) {
		return jdbc.sql("select period from inspection_publication where city_id = :c")
			.param("c", cityId)
			.query(String.class)
			.list();
	}

	/** The checklist items with the most deduction in the period's closed rounds, most first. */
	public List<Finding> mainFindings(long cityId, String period, int max) {
		return jdbc.sql("""
				select ci.point_type, ci.category, ci.item, count(*), sum(r.deduction) d
				from inspection i
				join inspection_plan p on p.id = i.plan_id
				join inspection_result r on r.inspection_id = i.id
				join checklist_item ci on ci.id = r.item_id
				where i.city_id = :c and i.period = :p and p.state = 'CLOSED' and r.deduction > 0
				group by ci.point_type, ci.category, ci.item
				order by d desc, ci.point_type, ci.item
				limit :max""")
			.param("c", cityId)
			.param("p", period)
			.param("max", max)
			.query((rs, n) -> new Finding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
					rs.getBigDecimal(5)))
			.list();
	}

	/** The publication of a city's period, if any. */
	public Optional<Publication> publication(long cityId, String period) {
		return jdbc.sql(PUBLICATION + "where city_id = :c and period = :p")
			.param("c", cityId)
			.param("p", period)
			.query(ResultStore::publication)
			.optional();
	}

	/** Stores a publication with its lines and findings (lines and findings in one batch each); returns its id. */
	public long insert(long cityId, Publication p, List<ResultLine> lines, List<Finding> findings) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into inspection_publication (city_id, period, announced_weight, unannounced_weight, min_points,
				    green_share, red_share, inspections, bulletin_number, published_at, published_by)
				values (:c, :p, :aw, :uw, :min, :green, :red, :n, :number, :at, :by)""")
			.param("c", cityId)
			.param("p", p.period())
			.param("aw", p.announcedWeight())
			.param("uw", p.unannouncedWeight())
			.param("min", p.minPoints())
			.param("green", p.greenShare())
			.param("red", p.redShare())
			.param("n", p.inspections())
			.param("number", p.bulletinNumber())
			.param("at", utc(p.publishedAt()))
			.param("by", p.publishedBy())
			.update(keys, "id");
		long id = keys.getKey().longValue();
		SqlParameterSource[] rows = new SqlParameterSource[lines.size()];
		for (int i = 0; i < rows.length; i++) {
			ResultLine l = lines.get(i);
			rows[i] = new MapSqlParameterSource().addValue("id", id)
				.addValue("pos", i)
				.addValue("unit", l.unitId())
				.addValue("name", l.unitName())
				.addValue("group", l.rankingGroup())
				.addValue("a", l.announced())
				.addValue("u", l.unannounced())
				.addValue("comp", l.composite())
				.addValue("ap", l.announcedPoints())
				.addValue("up", l.unannouncedPoints())
				.addValue("rank", l.rank())
				.addValue("change", l.change())
				.addValue("band", l.band() == null ? null : l.band().name())
				.addValue("small", l.sampleTooSmall());
		}
		batch.batchUpdate("""
				insert into inspection_publication_line (publication_id, position, unit_id, unit_name, ranking_group,
				    announced, unannounced, composite, announced_points, unannounced_points, ranking, change_since, band,
				    sample_too_small)
				values (:id, :pos, :unit, :name, :group, :a, :u, :comp, :ap, :up, :rank, :change, :band, :small)""", rows);
		SqlParameterSource[] found = new SqlParameterSource[findings.size()];
		for (int i = 0; i < found.length; i++) {
			Finding f = findings.get(i);
			found[i] = new MapSqlParameterSource().addValue("id", id)
				.addValue("pos", i)
				.addValue("type", f.pointType())
				.addValue("category", f.category())
				.addValue("item", f.item())
				.addValue("n", f.findings())
				.addValue("d", f.deduction());
		}
		batch.batchUpdate("""
				insert into inspection_publication_finding (publication_id, position, point_type, category, item,
				    findings, deduction)
				values (:id, :pos, :type, :category, :item, :n, :d)""", found);
		return id;
	}

	/** A publication's lines in published order, of one ranking group or all. */
	public List<ResultLine> lines(long publicationId, String rankingGroup) {
		return jdbc.sql("""
				select unit_id, unit_name, ranking_group, announced, unannounced, composite, announced_points,
				       unannounced_points, ranking, change_since, band, sample_too_small
				from inspection_publication_line where publication_id = :id"""
				+ (rankingGroup == null ? "" : " and ranking_group = :g") + " order by position")
			.param("id", publicationId)
			.param("g", rankingGroup)
			.query((rs, n) -> new ResultLine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
					rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getInt(7), rs.getInt(8), integer(rs, 9), band(rs.getString(11)),
					rs.getBoolean(12), integer(rs, 10)))
			.list();
	}

	/** The ranking groups of a publication, by name. */
	public List<String> groups(long publicationId) {
		return jdbc.sql("select distinct ranking_group from inspection_publication_line where publication_id = :id order by ranking_group")
			.param("id", publicationId)
			.query(String.class)
			.list();
	}

	/** A publication's main findings in their order. */
	public List<Finding> findings(long publicationId) {
		return jdbc.sql("""
				select point_type, category, item, findings, deduction from inspection_publication_finding
				where publication_id = :id order by position""")
			.param("id", publicationId)
			.query((rs, n) -> new Finding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
					rs.getBigDecimal(5)))
			.list();
	}

	private static PlanName plan(ResultSet rs, int n) throws SQLException {
		return new PlanName(rs.getLong(1), rs.getString(2), rs.getString(3), PlanKind.valueOf(rs.getString(4)));
	}

	private static Publication publication(ResultSet rs, int n) throws SQLException {
		OffsetDateTime at = rs.getObject("published_at", OffsetDateTime.class);
		return new Publication(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getInt(5),
				rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getInt(8), rs.getString(9), at.toInstant(), rs.getString(11));
	}

	private static Integer integer(ResultSet rs, int column) throws SQLException {
		int v = rs.getInt(column);
		return rs.wasNull() ? null : v;
	}

	private static ResultBand band(String text) {
		return text == null ? null : ResultBand.valueOf(text);
	}

	static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

}
