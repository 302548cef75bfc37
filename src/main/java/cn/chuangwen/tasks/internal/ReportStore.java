package cn.chuangwen.tasks.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.files.StoredFile;
import cn.chuangwen.shared.PageRequest;

/** SQL for progress reports (创建动态) and their evidence rows. */
@Repository
public class ReportStore {

	private static final String SELECT = """
			select r.id, r.assignment_id, r.city_id, r.unit_id, u.name as unit_name, r.text, r.percent, r.value_reached,
			       r.status, r.resubmission_of, r.submitted_by, r.submitted_at, r.reviewed_by, r.reviewed_at,
			       r.review_reason, r.version
			from progress_report r join unit u on u.id = r.unit_id
			""";

	private final JdbcClient jdbc;

	public ReportStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record ReportRow(long id, long assignmentId, long cityId, long unitId, String unitName, String text,
			int percent, BigDecimal valueReached, String status, Long resubmissionOf, String submittedBy,
			Instant submittedAt, String reviewedBy, Instant reviewedAt, String reviewReason, int version) {
	}

	public record EvidenceRow(long id, long reportId, long fileId, String sha256, String name, Instant capturedAt,
			Instant createdAt) {
	}

	/** A report as the liaison submits it: on which assignment for which unit, and what it claims. */
	public record NewReport(long assignmentId, long cityId, long unitId, String text, int percent, BigDecimal value,
			Long resubmissionOf) {
	}

	/** A stored report's unit in the review queue's unit filter. */
	public record QueueUnit(long id, String name, long cityId) {
	}

	public long insert(NewReport r, String by, Instant now) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into progress_report (assignment_id, city_id, unit_id, text, percent, value_reached, status,
				    resubmission_of, submitted_by, submitted_at, version)
				values (:a, :c, :u, :t, :p, :v, 'SUBMITTED', :re, :by, :now, 0)
				""")
			.param("a", r.assignmentId())
			.param("c", r.cityId())
			.param("u", r.unitId())
			.param("t", r.text())
			.param("p", r.percent())
			.param("v", r.value())
			.param("re", r.resubmissionOf())
			.param("by", by)
			.param("now", AssignmentStore.utc(now))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** Links a stored file to the report as its evidence; the report's assignment and city are repeated for scoping. */
	public void insertEvidence(NewReport report, long reportId, StoredFile f, Instant now) {
		jdbc.sql("""
				insert into evidence (report_id, assignment_id, city_id, file_id, sha256, name, captured_at, created_at)
				values (:r, :a, :c, :f, :s, :n, :cap, :now)
				""")
			.param("r", reportId)
			.param("a", report.assignmentId())
			.param("c", report.cityId())
			.param("f", f.id())
			.param("s", f.sha256())
			.param("n", f.name())
			.param("cap", f.capturedAt() == null ? null : AssignmentStore.utc(f.capturedAt()))
			.param("now", AssignmentStore.utc(now))
			.update();
	}

	public Optional<ReportRow> find(long id) {
		return jdbc.sql(SELECT + " where r.id = :id").param("id", id).query(ReportStore::map).optional();
	}

	public List<ReportRow> ofAssignment(long assignmentId) {
		return jdbc.sql(SELECT + " where r.assignment_id = :a order by r.id desc")
			.param("a", assignmentId)
			.query(ReportStore::map)
			.list();
	}

	/** One page of the returned reports of a unit that have not been resubmitted yet, newest first. */
	public List<ReportRow> returnedOpen(long unitId, PageRequest page) {
		return jdbc.sql(SELECT + """
				 where r.unit_id = :u and r.status = 'RETURNED'
				   and not exists (select 1 from progress_report n where n.resubmission_of = r.id)
				 order by r.reviewed_at desc, r.id desc limit :limit offset :offset""")
			.param("u", unitId)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(ReportStore::map)
			.list();
	}

	/** How many of {@link #returnedOpen} there are, counted in SQL. */
	public int countReturnedOpen(long unitId) {
		return jdbc.sql("""
				select count(*) from progress_report r where r.unit_id = :u and r.status = 'RETURNED'
				   and not exists (select 1 from progress_report n where n.resubmission_of = r.id)""")
			.param("u", unitId)
			.query(Integer.class)
			.single();
	}

	/** Reports waiting for review in a city. */
	public long countWaiting(long cityId) {
		return jdbc.sql("select count(*) from progress_report where city_id = :c and status = 'SUBMITTED'")
			.param("c", cityId)
			.query(Long.class)
			.single();
	}

	// --- the review queue (待审核)

	/**
	 * Filters of the review queue as bind values; a null filter is no condition. {@code cityIds} is
	 * never empty: the caller's city, the city a province user chose, or every visible city.
	 */
	public record QueueQuery(List<Long> cityIds, Long unitId, Long groupId, String indicatorCode,
			Instant submittedBefore) {

		public QueueQuery {
			cityIds = List.copyOf(cityIds);
		}

	}

	/** A waiting report with what its queue row shows besides the report. */
	public record QueueRow(ReportRow report, String cityName, String indicatorCode, String indicatorName,
			long systemId, long groupId, String targetUnit) {
	}

	// Spaces at both ends: the clause is glued between a select list and further conditions.
	private static final String QUEUE_FROM = " from progress_report r join assignment a on a.id = r.assignment_id"
			+ " join unit u on u.id = r.unit_id join city c on c.id = r.city_id"
			+ " where r.status = 'SUBMITTED' and r.city_id in (:cities) ";

	/** How many reports wait for review under the filters. */
	public long countQueue(QueueQuery q) {
		return queueParams(jdbc.sql("select count(*)" + QUEUE_FROM + queueConditions(q)), q).query(Long.class).single();
	}

	/** One page of the waiting reports, oldest first (the order they should be reviewed in). */
	public List<QueueRow> queue(QueueQuery q, long offset, int limit) {
		String sql = """
				select r.id, r.assignment_id, r.city_id, r.unit_id, u.name as unit_name, r.text, r.percent, r.value_reached,
				       r.status, r.resubmission_of, r.submitted_by, r.submitted_at, r.reviewed_by, r.reviewed_at,
				       r.review_reason, r.version, c.name as city_name, a.indicator_code, a.indicator_name, a.system_id,
				       a.group_id, a.target_unit""" + QUEUE_FROM + queueConditions(q)
				+ " order by r.submitted_at, r.id limit :limit offset :offset";
		return queueParams(jdbc.sql(sql), q).param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> new QueueRow(map(rs, n), rs.getString("city_name"), rs.getString("indicator_code"),
					rs.getString("indicator_name"), rs.getLong("system_id"), rs.getLong("group_id"),
					rs.getString("target_unit")))
			.list();
	}

	/** The distinct [system id, group id] of the reports waiting in these cities, for the group filter. */
	public List<long[]> queueGroups(List<Long> cityIds) {
		return jdbc.sql("select distinct a.system_id, a.group_id" + QUEUE_FROM)
			.param("cities", cityIds)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
	}

	/** The units with reports waiting in these cities, by name. */
	public List<QueueUnit> queueUnits(List<Long> cityIds) {
		return jdbc.sql("select distinct u.id, u.name, u.city_id" + QUEUE_FROM + " order by u.name")
			.param("cities", cityIds)
			.query((rs, n) -> new QueueUnit(rs.getLong(1), rs.getString(2), rs.getLong(3)))
			.list();
	}

	/** Only the filters given become conditions, so each can use its index. */
	private static String queueConditions(QueueQuery q) {
		StringBuilder sql = new StringBuilder();
		if (q.unitId() != null) {
			sql.append(" and r.unit_id = :unit");
		}
		if (q.groupId() != null) {
			sql.append(" and a.group_id = :group");
		}
		if (q.indicatorCode() != null) {
			sql.append(" and a.indicator_code = :code");
		}
		if (q.submittedBefore() != null) {
			sql.append(" and r.submitted_at < :before");
		}
		return sql.toString();
	}

	private static JdbcClient.StatementSpec queueParams(JdbcClient.StatementSpec spec, QueueQuery q) {
		spec = spec.param("cities", q.cityIds());
		if (q.unitId() != null) {
			spec = spec.param("unit", q.unitId());
		}
		if (q.groupId() != null) {
			spec = spec.param("group", q.groupId());
		}
		if (q.indicatorCode() != null) {
			spec = spec.param("code", q.indicatorCode());
		}
		if (q.submittedBefore() != null) {
			spec = spec.param("before", AssignmentStore.utc(q.submittedBefore()));
		}
		return spec;
	}

	/** Moves a report from SUBMITTED to a decision; false when someone decided first. */
	public boolean decide(long id, String status, String reviewer, String reason, Instant now) {
		return jdbc.sql("""
				update progress_report set status = :s, reviewed_by = :by, reviewed_at = :now, review_reason = :reason,
				       version = version + 1
				where id = :id and status = 'SUBMITTED'
				""")
			.param("s", status)
			.param("by", reviewer)
			.param("now", AssignmentStore.utc(now))
			.param("reason", reason)
			.param("id", id)
			.update() == 1;
	}

	public Map<Long, List<EvidenceRow>> evidence(Collection<Long> reportIds) {
		Map<Long, List<EvidenceRow>> map = new HashMap<>();
		if (reportIds.isEmpty()) {
			return map;
		}
		for (List<Long> chunk : AssignmentStore.chunks(new ArrayList<>(reportIds))) {
			jdbc.sql("select id, report_id, file_id, sha256, name, captured_at, created_at from evidence where report_id in (:ids) order by id")
				.param("ids", chunk)
				.query(rs -> {
					EvidenceRow e = evidenceRow(rs);
					map.computeIfAbsent(e.reportId(), k -> new ArrayList<>()).add(e);
				});
		}
		return map;
	}

	public Optional<EvidenceRow> evidenceOf(long assignmentId, long evidenceId) {
		return jdbc.sql("select id, report_id, file_id, sha256, name, captured_at, created_at from evidence where id = :id and assignment_id = :a")
			.param("id", evidenceId)
			.param("a", assignmentId)
			.query((rs, n) -> evidenceRow(rs))
			.optional();
	}

	/** Every use of these contents as evidence in the city: [evidence id, report id, assignment id] by hash, oldest first. */
	public Map<String, List<long[]>> uses(long cityId, Collection<String> shas) {
		Map<String, List<long[]>> map = new HashMap<>();
		if (shas.isEmpty()) {
			return map;
		}
		jdbc.sql("""
				select e.sha256, e.id, e.report_id, e.assignment_id from evidence e
				where e.city_id = :c and e.sha256 in (:shas) order by e.id
				""")
			.param("c", cityId)
			.param("shas", List.copyOf(shas))
			.query(rs -> {
				map.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4) });
			});
		return map;
	}

	static EvidenceRow evidenceRow(ResultSet rs) throws SQLException {
		return new EvidenceRow(rs.getLong("id"), rs.getLong("report_id"), rs.getLong("file_id"), rs.getString("sha256"),
				rs.getString("name"), AssignmentStore.instant(rs, "captured_at"), AssignmentStore.instant(rs, "created_at"));
	}

	static ReportRow map(ResultSet rs, int n) throws SQLException {
		long re = rs.getLong("resubmission_of");
		Long resubmissionOf = rs.wasNull() ? null : re;
		return new ReportRow(rs.getLong("id"), rs.getLong("assignment_id"), rs.getLong("city_id"), rs.getLong("unit_id"),
				rs.getString("unit_name"), rs.getString("text"), rs.getInt("percent"), rs.getBigDecimal("value_reached"),
				rs.getString("status"), resubmissionOf, rs.getString("submitted_by"),
				AssignmentStore.instant(rs, "submitted_at"), rs.getString("reviewed_by"),
				AssignmentStore.instant(rs, "reviewed_at"), rs.getString("review_reason"), rs.getInt("version"));
	}

}
