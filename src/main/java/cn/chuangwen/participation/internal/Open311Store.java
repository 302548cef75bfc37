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

/**
 * The read model of Open311 GET requests: a city's citizen reports with what the spec shows and
 * nothing personal (the reporter's name, phone and e-mail are not even selected). Filtered and
 * paged in SQL, newest first.
 */
@Repository
public class Open311Store {

	/** One service request as Open311 shows it. */
	public record RequestRow(long id, String code, ReportState state, String statusNotes, long categoryId,
			String category, String description, String agency, Instant requestedAt, Instant closedAt,
			Instant lastUpdate, Instant expectedAt, String address, BigDecimal lat, BigDecimal lng, Long photoId) {
	}

	/** A public update (the spec's extension {@code notes[]}). */
	public record NoteRow(long reportId, ReportState state, String text, Instant at) {
	}

	/**
	 * The filters of GET requests: codes (when given, the only filter, as the spec says), categories,
	 * the creation window [from, to], states; then one page.
	 */
	public record Query(long cityId, List<String> codes, List<Long> categoryIds, Instant from, Instant to,
			List<ReportState> states, long offset, int limit) {
	}

	/**
	 * The details of one page of reports, the page being the derived table {@code page}: the joins
	 * and the per-report subqueries run for those rows only, never for every report of the window.
	 */
	private static final String DETAILS = """
			select r.id, r.code, r.state, r.category_id, k.name as category, r.description, u.name as agency,
			    r.created_at, r.closed_at, p.deadline, r.address, r.lat, r.lng,
			    coalesce(r.public_reason, (select x.text from citizen_report_update x
			        where x.report_id = r.id and x.text is not null order by x.id desc limit 1)) as status_notes,
			    (select max(x.created_at) from citizen_report_update x where x.report_id = r.id) as last_update,
			    (select ph.public_file_id from citizen_report_photo ph
			        where ph.report_id = r.id order by ph.position, ph.id limit 1) as photo_id
			from (%s) page
			join citizen_report r on r.id = page.id
			join problem_category k on k.id = r.category_id
			left join problem p on p.id = r.problem_id and r.state <> 'REJECTED'
			left join unit u on u.id = p.unit_id
			order by r.created_at desc, r.id desc
			""";

	private final JdbcClient jdbc;

	public Open311Store(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One page of the city's reports, newest first. The page's ids are read on the report table
	 * alone, through the {@code (city_id, created_at desc, id desc)} index, and only those rows are
	 * joined and given their photo and latest update: with 100,000 reports in the window the joins
	 * would otherwise run for all of them before the limit (seconds on H2), and an {@code in} list of
	 * the ids is a scan on H2.
	 */
	public List<RequestRow> requests(Query q) {
		// the fragments are constants chosen by which filters are present; every value is a bind parameter
		StringBuilder sql = new StringBuilder("select s.id from citizen_report s where s.city_id = :city");
		if (!q.codes().isEmpty()) {
			sql.append(" and s.code in (:codes)");
		}
		else {
			if (!q.categoryIds().isEmpty()) {
				sql.append(" and s.category_id in (:categories)");
			}
			if (!q.states().isEmpty()) {
				sql.append(" and s.state in (:states)");
			}
			sql.append(" and s.created_at >= :from and s.created_at <= :to");
		}
		// city_id first, as in the (city_id, created_at desc, id desc) index: H2 takes an index's order only
		// from its first column on. Not for codes: their unique index finds them, and a sorted index would
		// make H2 walk the whole city to keep the order.
		sql.append(q.codes().isEmpty() ? " order by s.city_id, s.created_at desc, s.id desc"
				: " order by s.created_at desc, s.id desc");
		sql.append(" limit :limit offset :offset");
		var statement = jdbc.sql(DETAILS.formatted(sql))
			.param("city", q.cityId())
			.param("limit", q.limit())
			.param("offset", q.offset());
		if (!q.codes().isEmpty()) {
			statement = statement.param("codes", q.codes());
		}
		else {
			if (!q.categoryIds().isEmpty()) {
				statement = statement.param("categories", q.categoryIds());
			}
			if (!q.states().isEmpty()) {
				statement = statement.param("states", q.states().stream().map(Enum::name).toList());
			}
			statement = statement.param("from", Timestamp.from(q.from())).param("to", Timestamp.from(q.to()));
		}
		return statement.query(Open311Store::row).list();
	}

	/** The public updates of these reports, oldest first per report. */
	public List<NoteRow> notes(List<Long> reportIds) {
		if (reportIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select report_id, state, text, created_at from citizen_report_update
				where report_id in (:ids) order by report_id, id
				""")
			.param("ids", reportIds)
			.query((rs, n) -> new NoteRow(rs.getLong("report_id"), ReportState.valueOf(rs.getString("state")),
					rs.getString("text"), CitizenReportStore.instant(rs, "created_at")))
			.list();
	}

	private static RequestRow row(ResultSet rs, int n) throws SQLException {
		return new RequestRow(rs.getLong("id"), rs.getString("code"), ReportState.valueOf(rs.getString("state")),
				rs.getString("status_notes"), rs.getLong("category_id"), rs.getString("category"),
				rs.getString("description"), rs.getString("agency"), CitizenReportStore.instant(rs, "created_at"),
				CitizenReportStore.instant(rs, "closed_at"), CitizenReportStore.instant(rs, "last_update"),
				CitizenReportStore.instant(rs, "deadline"), rs.getString("address"), rs.getBigDecimal("lat"),
				rs.getBigDecimal("lng"), rs.getObject("photo_id", Long.class));
	}

}
