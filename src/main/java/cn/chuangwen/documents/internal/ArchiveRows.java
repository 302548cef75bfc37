package cn.chuangwen.documents.internal;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the electronic archive (创城电子档案): the evidence of approved progress reports of one
 * indicator system in one city. The long reads are streamed through a cursor (fetch size, row
 * callback), never collected into a list; on PostgreSQL the caller must hold a transaction so
 * the driver uses a cursor.
 */
@Repository
public class ArchiveRows {

	public static final int FETCH_SIZE = 500;

	private static final String APPROVED = """
			from evidence e
			join progress_report r on r.id = e.report_id
			join assignment a on a.id = e.assignment_id
			where a.city_id = :city and a.system_id = :system and r.status = 'APPROVED'
			""";

	private final JdbcClient jdbc;

	public ArchiveRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An indicator with approved evidence, with the code and name its assignments carry. */
	public record Indicator(long id, String code, String name) {
	}

	/** One evidence file of an approved report. */
	public record Line(long evidenceId, long fileId, String name, long reportId, long unitId, Instant submittedAt,
			String reviewedBy, Instant reviewedAt) {
	}

	/** Indicators with at least one approved evidence file, by code. */
	public List<Indicator> indicators(long cityId, long systemId) {
		return jdbc.sql("select distinct a.indicator_id, a.indicator_code, a.indicator_name " + APPROVED
				+ " order by a.indicator_code, a.indicator_id")
			.param("city", cityId)
			.param("system", systemId)
			.query((rs, n) -> new Indicator(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** Streams the approved evidence of one indicator, report by report, each report's files in upload order. */
	public void forEach(long cityId, long systemId, long indicatorId, Consumer<Line> each) {
		jdbc.sql("select e.id, e.file_id, e.name, r.id as report_id, r.unit_id, r.submitted_at, r.reviewed_by, r.reviewed_at "
				+ APPROVED + " and a.indicator_id = :indicator order by r.id, e.id")
			.withFetchSize(FETCH_SIZE)
			.param("city", cityId)
			.param("system", systemId)
			.param("indicator", indicatorId)
			.query(rs -> {
				each.accept(new Line(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
						DbTime.instant(rs, "submitted_at"), rs.getString(7),
						DbTime.instant(rs, "reviewed_at")));
			});
	}

	/** [indicators with evidence, evidence files]. */
	public long[] counts(long cityId, long systemId) {
		return jdbc.sql("select count(distinct a.indicator_id), count(*) " + APPROVED)
			.param("city", cityId)
			.param("system", systemId)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
	}

	/** Streams the stored-file id of every approved evidence file. */
	public void forEachFileId(long cityId, long systemId, LongConsumer each) {
		jdbc.sql("select e.file_id " + APPROVED)
			.withFetchSize(FETCH_SIZE)
			.param("city", cityId)
			.param("system", systemId)
			.query(rs -> {
				each.accept(rs.getLong(1));
			});
	}

	/**
	 * The leaves of the system with evidence of a report approved before {@code before}. One probe
	 * per leaf that stops at the first approved report with evidence (uk_assignment_indicator_unit,
	 * ix_report_assignment, ix_evidence_report), so it reads a few rows per leaf however many
	 * reports a leaf has.
	 */
	public List<Long> covered(long cityId, long systemId, Instant before) {
		return jdbc.sql("""
				select l.id from indicator l
				where l.system_id = :system and l.city_id = :city and l.leaf = true
				  and exists (select 1 from assignment a
				              join progress_report r on r.assignment_id = a.id
				              where a.indicator_id = l.id and a.city_id = :city and r.status = 'APPROVED'
				                and r.reviewed_at < :before
				                and exists (select 1 from evidence e where e.report_id = r.id))
				""")
			.param("city", cityId)
			.param("system", systemId)
			.param("before", DbTime.utc(before))
			.query(Long.class)
			.list();
	}

}
