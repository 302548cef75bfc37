package cn.chuangwen.publicity.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.publicity.ComplianceRow;
import cn.chuangwen.publicity.OutletKind;
import cn.chuangwen.publicity.OutletMeasure;
import cn.chuangwen.publicity.OutletReport;
import cn.chuangwen.publicity.OutletView;
import cn.chuangwen.shared.PageRequest;

/** SQL of media outlets and their monthly reports. */
@Repository
public class OutletStore {

	private static final String OUTLET = """
			o.id, o.city_id, c.name as city_name, o.unit_id, u.name as unit_name, o.name, o.kind, o.measure, o.version""";

	private static final String FROM = " from media_outlet o join city c on c.id = o.city_id join unit u on u.id = o.unit_id";

	private static final String REPORT = "r.id as r_id, r.report_month, r.ad_amount, r.total_amount, r.reported_by,"
			+ " r.reported_at, r.corrected_reason";

	/** An outlet to store: the checked fields. */
	public record NewOutlet(long cityId, long unitId, String name, OutletKind kind, OutletMeasure measure) {
	}

	/** A report to store. */
	public record NewReport(long outletId, long cityId, YearMonth month, BigDecimal ad, BigDecimal total, String by) {
	}

	private final JdbcClient jdbc;

	public OutletStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The scope over an outlet: its city, and below a whole city the unit that runs it (or a unit above it). */
	private static String scope(ScopeSql s) {
		return s.cityAndUnit("o.city_id", "u.path");
	}

	public List<OutletView> page(ScopeSql s, PageRequest page) {
		return s.bind(jdbc.sql("select " + OUTLET + FROM + " where" + scope(s)
				+ "order by o.city_id, o.kind, o.name, o.id limit :limit offset :offset"))
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(OutletStore::outlet)
			.list();
	}

	public long count(ScopeSql s) {
		return s.bind(jdbc.sql("select count(*) from media_outlet o join unit u on u.id = o.unit_id where" + scope(s)))
			.query(Long.class)
			.single();
	}

	public Optional<OutletView> find(ScopeSql s, long id) {
		return s.bind(jdbc.sql("select " + OUTLET + FROM + " where o.id = :id and" + scope(s)))
			.param("id", id)
			.query(OutletStore::outlet)
			.optional();
	}

	/** Locks the outlet row, so two reports of one month cannot both pass the check. */
	public void lock(long id) {
		jdbc.sql("select id from media_outlet where id = :id for update").param("id", id).query(Long.class).optional();
	}

	public boolean nameTaken(long cityId, String name) {
		return jdbc.sql("select count(*) from media_outlet where city_id = :c and name = :n")
			.param("c", cityId)
			.param("n", name)
			.query(Long.class)
			.single() > 0;
	}

	public long insert(NewOutlet o, String by, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into media_outlet (city_id, unit_id, name, kind, measure, created_by, created_at, updated_at)
				values (:c, :u, :n, :k, :m, :by, :at, :at)""")
			.param("c", o.cityId())
			.param("u", o.unitId())
			.param("n", o.name())
			.param("k", o.kind().name())
			.param("m", o.measure().name())
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public long insertReport(NewReport r, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into media_outlet_report (outlet_id, city_id, report_month, ad_amount, total_amount, reported_by,
				    reported_at)
				values (:o, :c, :m, :a, :t, :by, :at)""")
			.param("o", r.outletId())
			.param("c", r.cityId())
			.param("m", r.month().atDay(1))
			.param("a", r.ad())
			.param("t", r.total())
			.param("by", r.by())
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** Replaces a report's figures (a correction), with its reason; its earlier evidence stays. */
	public void correctReport(long reportId, NewReport r, String reason, Instant at) {
		jdbc.sql("""
				update media_outlet_report set ad_amount = :a, total_amount = :t, reported_by = :by, reported_at = :at,
				    corrected_reason = :why, version = version + 1
				where id = :id""")
			.param("a", r.ad())
			.param("t", r.total())
			.param("by", r.by())
			.param("at", Timestamp.from(at))
			.param("why", reason)
			.param("id", reportId)
			.update();
	}

	public void addFile(long reportId, long fileId) {
		jdbc.sql("insert into media_outlet_report_file (report_id, file_id) values (:r, :f)")
			.param("r", reportId)
			.param("f", fileId)
			.update();
	}

	public Optional<OutletReport> report(long outletId, YearMonth month) {
		return jdbc.sql("select " + REPORT + ", r.outlet_id from media_outlet_report r where r.outlet_id = :o"
				+ " and r.report_month = :m")
			.param("o", outletId)
			.param("m", month.atDay(1))
			.query((rs, n) -> report(rs, rs.getLong("outlet_id"), List.of()))
			.optional()
			.map(r -> withFiles(List.of(r)).get(0));
	}

	/** An outlet's reports, newest month first. */
	public List<OutletReport> reports(long outletId, int limit) {
		return withFiles(jdbc.sql("select " + REPORT + ", r.outlet_id from media_outlet_report r where r.outlet_id = :o"
				+ " order by r.report_month desc limit :l")
			.param("o", outletId)
			.param("l", limit)
			.query((rs, n) -> report(rs, rs.getLong("outlet_id"), List.of()))
			.list());
	}

	/** The filter of a month's compliance list: everything, or only the shortfalls (short or not reported). */
	private static String shortfall(boolean only) {
		return only ? " and (r.id is null or r.ad_amount * 3 < r.total_amount) " : " ";
	}

	/** A month's outlets in scope with their report of that month, if any: shortfalls first. */
	public List<ComplianceRow> compliance(ScopeSql s, YearMonth month, boolean shortfallOnly, PageRequest page) {
		return s.bind(jdbc.sql("select " + OUTLET + ", " + REPORT + FROM
				+ " left join media_outlet_report r on r.outlet_id = o.id and r.report_month = :m where" + scope(s)
				+ shortfall(shortfallOnly)
				+ "order by o.city_id, case when r.id is null then 0 when r.ad_amount * 3 < r.total_amount then 1"
				+ " else 2 end, o.kind, o.name, o.id limit :limit offset :offset"))
			.param("m", month.atDay(1))
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, n) -> {
				OutletView o = outlet(rs, n);
				rs.getLong("r_id");
				return new ComplianceRow(o, rs.wasNull() ? null : report(rs, o.id(), List.of()));
			})
			.list();
	}

	public long complianceCount(ScopeSql s, YearMonth month, boolean shortfallOnly) {
		return s.bind(jdbc.sql("select count(*) from media_outlet o join unit u on u.id = o.unit_id"
				+ " left join media_outlet_report r on r.outlet_id = o.id and r.report_month = :m where" + scope(s)
				+ shortfall(shortfallOnly)))
			.param("m", month.atDay(1))
			.query(Long.class)
			.single();
	}

	/** The reports with their evidence files read in one query. */
	public List<OutletReport> withFiles(List<OutletReport> reports) {
		if (reports.isEmpty()) {
			return reports;
		}
		Map<Long, List<OutletReport.Evidence>> files = files(reports.stream().map(OutletReport::id).toList());
		return reports.stream()
			.map(r -> new OutletReport(r.id(), r.outletId(), r.month(), r.adAmount(), r.totalAmount(), r.reportedBy(),
					r.reportedAt(), r.correctedReason(), files.getOrDefault(r.id(), List.of())))
			.toList();
	}

	private Map<Long, List<OutletReport.Evidence>> files(Collection<Long> reportIds) {
		Map<Long, List<OutletReport.Evidence>> out = new HashMap<>();
		jdbc.sql("""
				select rf.report_id, f.id, f.name from media_outlet_report_file rf join stored_file f on f.id = rf.file_id
				where rf.report_id in (:ids) order by f.id""")
			.param("ids", reportIds)
			.query((rs, n) -> {
				out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new OutletReport.Evidence(rs.getLong(2), rs.getString(3)));
				return null;
			})
			.list();
		return out;
	}

	public boolean hasEvidence(long outletId, long fileId) {
		return jdbc.sql("""
				select count(*) from media_outlet_report_file rf join media_outlet_report r on r.id = rf.report_id
				where r.outlet_id = :o and rf.file_id = :f""")
			.param("o", outletId)
			.param("f", fileId)
			.query(Long.class)
			.single() > 0;
	}

	private static OutletView outlet(ResultSet rs, int n) throws SQLException {
		return new OutletView(rs.getLong("id"), rs.getLong("city_id"), rs.getString("city_name"), rs.getLong("unit_id"),
				rs.getString("unit_name"), rs.getString("name"), OutletKind.valueOf(rs.getString("kind")),
				OutletMeasure.valueOf(rs.getString("measure")), rs.getInt("version"));
	}

	private static OutletReport report(ResultSet rs, long outletId, List<OutletReport.Evidence> files)
			throws SQLException {
		LocalDate month = rs.getObject("report_month", LocalDate.class);
		return new OutletReport(rs.getLong("r_id"), outletId, YearMonth.from(month), rs.getBigDecimal("ad_amount"),
				rs.getBigDecimal("total_amount"), rs.getString("reported_by"), rs.getTimestamp("reported_at").toInstant(),
				rs.getString("corrected_reason"), files);
	}

}
