package cn.chuangwen.problems.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.problems.ProblemListPublications.Publication;
import cn.chuangwen.problems.ProblemLists.Band;
import cn.chuangwen.problems.ProblemLists.Line;

/** The published red/yellow/green lists and their lines (V35). */
@Repository
public class ListPublicationStore {

	private static final String PUBLICATION = "select id, period, version, published_at, published_by, reason"
			+ " from problem_list_publication ";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	public ListPublicationStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/** The next version of a city's period: 1 for a first publication. */
	public int nextVersion(long cityId, String period) {
		return jdbc.sql("select coalesce(max(version), 0) + 1 from problem_list_publication where city_id = :c and period = :p")
			.param("c", cityId)
			.param("p", period)
			.query(Integer.class)
			.single();
	}

	/**
	 * Inserts a publication (its id is ignored) with its lines in their order, the lines in one
	 * batch; a second publisher of the same version fails on the key. Returns the new id.
	 */
	public long insert(long cityId, Publication p, List<Line> lines) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into problem_list_publication (city_id, period, version, reason, published_at, published_by)
				values (:c, :p, :v, :r, :at, :by)""")
			.param("c", cityId)
			.param("p", p.period())
			.param("v", p.version())
			.param("r", p.reason())
			.param("at", ProblemStore.utc(p.publishedAt()))
			.param("by", p.publishedBy())
			.update(keys, "id");
		long id = keys.getKey().longValue();
		SqlParameterSource[] rows = new SqlParameterSource[lines.size()];
		for (int i = 0; i < rows.length; i++) {
			Line l = lines.get(i);
			rows[i] = new MapSqlParameterSource().addValue("id", id)
				.addValue("pos", i)
				.addValue("unit", l.unitId())
				.addValue("name", l.unitName())
				.addValue("group", l.rankingGroup())
				.addValue("problems", l.problems())
				.addValue("due", l.due())
				.addValue("onTime", l.onTime())
				.addValue("rate", l.onTimeRate())
				.addValue("overdue", l.overdue())
				.addValue("rejections", l.rejections())
				.addValue("recurrences", l.recurrences())
				.addValue("band", l.band().name());
		}
		batch.batchUpdate("""
				insert into problem_list_line (publication_id, position, unit_id, unit_name, ranking_group, problems,
				    due, on_time, on_time_rate, overdue, rejections, recurrences, band)
				values (:id, :pos, :unit, :name, :group, :problems, :due, :onTime, :rate, :overdue, :rejections,
				    :recurrences, :band)""", rows);
		return id;
	}

	/** The newest version of a city's period, if it was published. */
	public Optional<Publication> latest(long cityId, String period) {
		return jdbc.sql(PUBLICATION + "where city_id = :c and period = :p order by version desc limit 1")
			.param("c", cityId)
			.param("p", period)
			.query(ListPublicationStore::publication)
			.optional();
	}

	/** Every publication of a city, newest first (at most {@code max}). */
	public List<Publication> all(long cityId, int max) {
		return jdbc.sql(PUBLICATION + "where city_id = :c order by published_at desc, id desc limit :max")
			.param("c", cityId)
			.param("max", max)
			.query(ListPublicationStore::publication)
			.list();
	}

	/** A publication's lines in their published order, of one ranking group or all. */
	public List<Line> lines(long publicationId, String rankingGroup) {
		return jdbc.sql("""
				select unit_id, unit_name, ranking_group, problems, due, on_time, on_time_rate, overdue, rejections,
				       recurrences, band
				from problem_list_line where publication_id = :id""" + (rankingGroup == null ? "" : " and ranking_group = :g")
				+ " order by position")
			.param("id", publicationId)
			.param("g", rankingGroup)
			.query((rs, n) -> new Line(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6), rs.getBigDecimal(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
					Band.valueOf(rs.getString(11))))
			.list();
	}

	private static Publication publication(ResultSet rs, int n) throws SQLException {
		Instant at = ProblemStore.instant(rs, "published_at");
		return new Publication(rs.getLong(1), rs.getString(2), rs.getInt(3), at, rs.getString(5), rs.getString(6));
	}

}
