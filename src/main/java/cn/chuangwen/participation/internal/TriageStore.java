package cn.chuangwen.participation.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.chuangwen.participation.ReportFilter;
import cn.chuangwen.participation.ReportState;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * SQL for the office's side of citizen reports: its list (always one city, the caller's), the
 * answers (accept, merge, reject), the states that follow a problem, and the categories' default
 * departments. Every read names the city: the office never reads another city's reports.
 */
@Repository
public class TriageStore {

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final JdbcClient jdbc;

	public TriageStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The report of the city, if it is one of the city's. */
	public java.util.Optional<CitizenReportStore.Row> find(long cityId, long id) {
		return jdbc.sql(CitizenReportStore.SELECT + " where r.id = :id and r.city_id = :city")
			.param("id", id)
			.param("city", cityId)
			.query(CitizenReportStore::row)
			.optional();
	}

	public Page<CitizenReportStore.Row> page(long cityId, ReportFilter filter, PageRequest page) {
		return Page.read(page,
				() -> filtered(CitizenReportStore.SELECT, cityId, filter,
						" order by r.created_at desc, r.id desc limit :limit offset :offset")
					.param("limit", page.size())
					.param("offset", page.offset())
					.query(CitizenReportStore::row)
					.list(),
				() -> filtered("select count(*) from citizen_report r", cityId, filter, "").query(Long.class).single());
	}

	/** At most {@code max} of the filtered reports, newest first, one at a time: for the export. */
	public void each(long cityId, ReportFilter filter, int max, Consumer<CitizenReportStore.Row> sink) {
		filtered(CitizenReportStore.SELECT, cityId, filter, " order by r.created_at desc, r.id desc limit :limit")
			.param("limit", max)
			.query(CitizenReportStore::row)
			.stream()
			.forEach(sink);
	}

	private JdbcClient.StatementSpec filtered(String head, long cityId, ReportFilter f, String tail) {
		StringBuilder where = new StringBuilder(" where r.city_id = :city");
		Map<String, Object> binds = new LinkedHashMap<>();
		binds.put("city", cityId);
		if (f.state() != null) {
			where.append(" and r.state = :state");
			binds.put("state", f.state().name());
		}
		if (f.channel() != null) {
			where.append(" and r.channel = :channel");
			binds.put("channel", f.channel().name());
		}
		if (f.categoryId() != null) {
			where.append(" and r.category_id = :category");
			binds.put("category", f.categoryId());
		}
		if (f.townId() != null) {
			where.append(" and r.town_id = :town");
			binds.put("town", f.townId());
		}
		if (f.from() != null) {
			where.append(" and r.created_at >= :from");
			binds.put("from", start(f.from()));
		}
		if (f.to() != null) {
			where.append(" and r.created_at < :to");
			binds.put("to", start(f.to().plusDays(1)));
		}
		if (f.q() != null) {
			where.append(" and (r.code like :q escape '\\' or r.description like :q escape '\\'"
					+ " or r.address like :q escape '\\')");
			binds.put("q", "%" + f.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		JdbcClient.StatementSpec spec = jdbc.sql(head + where + tail);
		for (var b : binds.entrySet()) {
			spec = spec.param(b.getKey(), b.getValue());
		}
		return spec;
	}

	private static Timestamp start(LocalDate day) {
		return Timestamp.from(day.atStartOfDay(ZONE).toInstant());
	}

	/**
	 * The office's answer, written only if nobody answered since the row was read (its version):
	 * the state, the problem it went to, the town, the public reason, and the time of the answer.
	 */
	public boolean answer(long id, int version, ReportState state, Long problemId, Long townId, String publicReason,
			Instant at) {
		return jdbc.sql("""
				update citizen_report set state = :state, problem_id = :problem, town_id = :town,
				    public_reason = :reason, answered_at = :at, version = version + 1
				where id = :id and version = :version and state = 'RECEIVED'
				""")
			.param("state", state.name())
			.param("problem", problemId)
			.param("town", townId)
			.param("reason", publicReason)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	/** The reports of a problem still in one of {@code from}: they move with it. */
	public List<CitizenReportStore.Row> following(long problemId, Collection<ReportState> from) {
		return jdbc.sql(CitizenReportStore.SELECT + " where r.problem_id = :p and r.state in (:from) order by r.id")
			.param("p", problemId)
			.param("from", from.stream().map(Enum::name).toList())
			.query(CitizenReportStore::row)
			.list();
	}

	/** Moves one report on, if it is still where it was read (a repeated event moves nothing). */
	public boolean move(long id, ReportState from, ReportState to, Instant closedAt) {
		return jdbc.sql("""
				update citizen_report set state = :to, closed_at = coalesce(cast(:closed as timestamp with time zone), closed_at), version = version + 1
				where id = :id and state = :from
				""")
			.param("to", to.name())
			.param("closed", closedAt == null ? null : Timestamp.from(closedAt))
			.param("id", id)
			.param("from", from.name())
			.update() == 1;
	}

	/** When each "me too" of the report came, oldest first (who sent it is not kept). */
	public List<Instant> supports(long reportId) {
		return jdbc.sql("select created_at from citizen_report_support where report_id = :r order by created_at, id")
			.param("r", reportId)
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.list();
	}

	/** The office account that entered the report (hotline, report box), else null. */
	public String enteredBy(long reportId) {
		return jdbc.sql("select entered_by from citizen_report where id = :r")
			.param("r", reportId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	/** Names of units by id (towns of a page of reports). */
	public Map<Long, String> unitNames(Collection<Long> ids) {
		Map<Long, String> names = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return names;
		}
		jdbc.sql("select id, name from unit where id in (:ids)")
			.param("ids", ids)
			.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2)))
			.list();
		return names;
	}

	// --- default departments per category

	/** The city's default department per category id. */
	public Map<Long, Long> defaults(long cityId) {
		Map<Long, Long> map = new LinkedHashMap<>();
		jdbc.sql("select category_id, unit_id from citizen_report_default_unit where city_id = :c")
			.param("c", cityId)
			.query((rs, n) -> map.put(rs.getLong(1), rs.getLong(2)))
			.list();
		return map;
	}

	public void setDefault(long cityId, long categoryId, Long unitId, String by, Instant at) {
		jdbc.sql("delete from citizen_report_default_unit where city_id = :c and category_id = :k")
			.param("c", cityId)
			.param("k", categoryId)
			.update();
		if (unitId != null) {
			jdbc.sql("""
					insert into citizen_report_default_unit (city_id, category_id, unit_id, updated_at, updated_by)
					values (:c, :k, :u, :at, :by)
					""")
				.param("c", cityId)
				.param("k", categoryId)
				.param("u", unitId)
				.param("at", Timestamp.from(at))
				.param("by", by)
				.update();
		}
	}

}
