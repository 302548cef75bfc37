package cn.chuangwen.problems.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The published red/yellow/green lists and their lines (V35). */
@Repository
public class ListPublicationStore {

	public record PublicationRow(long id, long cityId, String period, int version, String reason, Instant publishedAt,
			String publishedBy) {
	}

	/** A published line; {@code onTimeRate} null when nothing was due. */
	public record LineRow(long unitId, String unitName, String rankingGroup, Counts counts, BigDecimal onTimeRate,
			String band) {
	}

	public record Counts(long problems, long due, long onTime, long overdue, long rejections, long recurrences) {
	}

	private static final String PUBLICATION = "select id, city_id, period, version, reason, published_at, published_by"
			+ " from problem_list_publication ";

	private final JdbcClient jdbc;

	public ListPublicationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The next version of a city's period: 1 for a first publication. */
	public int nextVersion(long cityId, String period) {
		return jdbc.sql("select coalesce(max(version), 0) + 1 from problem_list_publication where city_id = :c and period = :p")
			.param("c", cityId)
			.param("p", period)
			.query(Integer.class)
			.single();
	}

	/** Inserts a publication with its lines in their order; a second publisher of the same version fails on the key. */
	public long insert(PublicationRow p, List<LineRow> lines) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into problem_list_publication (city_id, period, version, reason, published_at, published_by)
				values (:c, :p, :v, :r, :at, :by)""")
			.param("c", p.cityId())
			.param("p", p.period())
			.param("v", p.version())
			.param("r", p.reason())
			.param("at", ProblemStore.utc(p.publishedAt()))
			.param("by", p.publishedBy())
			.update(keys, "id");
		long id = keys.getKey().longValue();
		int position = 0;
		for (LineRow l : lines) {
			jdbc.sql("""
					insert into problem_list_line (publication_id, position, unit_id, unit_name, ranking_group, problems,
					    due, on_time, on_time_rate, overdue, rejections, recurrences, band)
					values (:id, :pos, :unit, :name, :group, :problems, :due, :onTime, :rate, :overdue, :rejections,
					    :recurrences, :band)""")
				.param("id", id)
				.param("pos", position++)
				.param("unit", l.unitId())
				.param("name", l.unitName())
				.param("group", l.rankingGroup())
				.param("problems", l.counts().problems())
				.param("due", l.counts().due())
				.param("onTime", l.counts().onTime())
				.param("rate", l.onTimeRate())
				.param("overdue", l.counts().overdue())
				.param("rejections", l.counts().rejections())
				.param("recurrences", l.counts().recurrences())
				.param("band", l.band())
				.update();
		}
		return id;
	}

	/** The newest version of a city's period, if it was published. */
	public Optional<PublicationRow> latest(long cityId, String period) {
		return jdbc.sql(PUBLICATION + "where city_id = :c and period = :p order by version desc limit 1")
			.param("c", cityId)
			.param("p", period)
			.query(ListPublicationStore::publication)
			.optional();
	}

	/** Every publication of a city, newest first (at most {@code max}). */
	public List<PublicationRow> all(long cityId, int max) {
		return jdbc.sql(PUBLICATION + "where city_id = :c order by published_at desc, id desc limit :max")
			.param("c", cityId)
			.param("max", max)
			.query(ListPublicationStore::publication)
			.list();
	}

	/** A publication's lines in their published order, of one ranking group or all. */
	public List<LineRow> lines(long publicationId, String rankingGroup) {
		return jdbc.sql("""
				select unit_id, unit_name, ranking_group, problems, due, on_time, on_time_rate, overdue, rejections,
				       recurrences, band
				from problem_list_line where publication_id = :id""" + (rankingGroup == null ? "" : " and ranking_group = :g")
				+ " order by position")
			.param("id", publicationId)
			.param("g", rankingGroup)
			.query((rs, n) -> new LineRow(rs.getLong(1), rs.getString(2), rs.getString(3),
					new Counts(rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(8), rs.getLong(9), rs.getLong(10)),
					rs.getBigDecimal(7), rs.getString(11)))
			.list();
	}

	private static PublicationRow publication(ResultSet rs, int n) throws SQLException {
		return new PublicationRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
				ProblemStore.instant(rs, "published_at"), rs.getString(7));
	}

}
