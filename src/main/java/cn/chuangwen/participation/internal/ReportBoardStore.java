package cn.chuangwen.participation.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.chuangwen.participation.ReportState;
import cn.chuangwen.shared.PageRequest;

/**
 * SQL for the public list and map of citizen reports. The columns are chosen for the public: the
 * reporter's name and phone, the sender's hash and the office account are never selected here.
 */
@Repository
public class ReportBoardStore {

	/** The filters, each null when not set; {@code from} inclusive, {@code until} exclusive. */
	public record Filter(Long categoryId, ReportState state, Long townId, Instant from, Instant until) {
	}

	public record Row(long id, String code, String category, ReportState state, String address, BigDecimal lat,
			BigDecimal lng, String town, int supporters, Instant createdAt, Instant answeredAt) {
	}

	private static final String SELECT = """
			select r.id, r.code, k.name as category, r.state, r.address, r.lat, r.lng, t.name as town, r.supporters,
			    r.created_at, r.answered_at
			from citizen_report r
			join problem_category k on k.id = r.category_id
			left join unit t on t.id = r.town_id
			""";

	private final JdbcClient jdbc;

	public ReportBoardStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One page of the city's reports matching the filter, newest first. */
	public List<Row> page(long cityId, Filter f, PageRequest page) {
		return bind(jdbc.sql(SELECT + where(f) + " order by r.created_at desc, r.id desc limit :limit offset :offset"),
				cityId, f)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(ReportBoardStore::row)
			.list();
	}

	public long count(long cityId, Filter f) {
		return bind(jdbc.sql("select count(*) from citizen_report r" + where(f)), cityId, f).query(Long.class).single();
	}

	/** At most {@code max} of the newest matching reports that have a place, for the map. */
	public List<Row> located(long cityId, Filter f, int max) {
		return bind(jdbc.sql(SELECT + where(f) + " and r.lat is not null and r.lng is not null"
				+ " order by r.created_at desc, r.id desc limit :limit"), cityId, f)
			.param("limit", max)
			.query(ReportBoardStore::row)
			.list();
	}

	/** The predicate: fixed fragments for the filters that are set; values only as bind parameters. */
	private static String where(Filter f) {
		StringBuilder sql = new StringBuilder(" where r.city_id = :city");
		if (f.categoryId() != null) {
			sql.append(" and r.category_id = :category");
		}
		if (f.state() != null) {
			sql.append(" and r.state = :state");
		}
		if (f.townId() != null) {
			sql.append(" and r.town_id = :town");
		}
		if (f.from() != null) {
			sql.append(" and r.created_at >= :from");
		}
		if (f.until() != null) {
			sql.append(" and r.created_at < :until");
		}
		return sql.toString();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, long cityId, Filter f) {
		spec = spec.param("city", cityId);
		if (f.categoryId() != null) {
			spec = spec.param("category", f.categoryId());
		}
		if (f.state() != null) {
			spec = spec.param("state", f.state().name());
		}
		if (f.townId() != null) {
			spec = spec.param("town", f.townId());
		}
		if (f.from() != null) {
			spec = spec.param("from", Timestamp.from(f.from()));
		}
		if (f.until() != null) {
			spec = spec.param("until", Timestamp.from(f.until()));
		}
		return spec;
	}

	static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getString("code"), rs.getString("category"),
				ReportState.valueOf(rs.getString("state")), rs.getString("address"), rs.getBigDecimal("lat"),
				rs.getBigDecimal("lng"), rs.getString("town"), rs.getInt("supporters"),
				CitizenReportStore.instant(rs, "created_at"), CitizenReportStore.instant(rs, "answered_at"));
	}

}
