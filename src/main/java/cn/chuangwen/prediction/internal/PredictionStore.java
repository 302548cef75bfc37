package cn.chuangwen.prediction.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the prediction's inputs, negative-list deductions and weekly snapshots (V62). */
@Repository
public class PredictionStore {

	private final JdbcClient jdbc;

	public PredictionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record InputRow(BigDecimal minorsScore, Integer cycleStartYear, BigDecimal year1Score, BigDecimal year2Score,
			int version, Instant updatedAt, String updatedBy) {
	}

	public record DeductionRow(long id, long cityId, String item, BigDecimal points, String reason, Instant createdAt,
			String createdBy, Instant updatedAt, String updatedBy, int version) {
	}

	public record SnapshotRow(String week, LocalDate weekEnd, BigDecimal total, BigDecimal low, BigDecimal high,
			BigDecimal documents, BigDecimal field, BigDecimal survey, BigDecimal minors, BigDecimal deductions,
			Instant computedAt, boolean backfilled) {
	}

	public Optional<InputRow> inputs(long cityId) {
		return jdbc.sql("""
				select minors_score, cycle_start_year, year1_score, year2_score, version, updated_at, updated_by
				from prediction_input where city_id = :city""")
			.param("city", cityId)
			.query((rs, n) -> new InputRow(rs.getBigDecimal(1), integer(rs, 2), rs.getBigDecimal(3), rs.getBigDecimal(4),
					rs.getInt(5), instant(rs, 6), rs.getString(7)))
			.optional();
	}

	/** The city's first inputs at version 1; false when another request inserted them first. */
	public boolean insertInputs(long cityId, InputRow r) {
		try {
			return jdbc.sql("""
					insert into prediction_input (city_id, minors_score, cycle_start_year, year1_score, year2_score,
					    version, updated_at, updated_by)
					values (:city, :minors, :start, :y1, :y2, 1, :at, :by)""")
				.param("city", cityId)
				.param("minors", r.minorsScore())
				.param("start", r.cycleStartYear())
				.param("y1", r.year1Score())
				.param("y2", r.year2Score())
				.param("at", utc(r.updatedAt()))
				.param("by", r.updatedBy())
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Changes the inputs from {@code r.version()}; false when someone changed them first. */
	public boolean updateInputs(long cityId, InputRow r) {
		return jdbc.sql("""
				update prediction_input set minors_score = :minors, cycle_start_year = :start, year1_score = :y1,
				    year2_score = :y2, version = version + 1, updated_at = :at, updated_by = :by
				where city_id = :city and version = :version""")
			.param("city", cityId)
			.param("minors", r.minorsScore())
			.param("start", r.cycleStartYear())
			.param("y1", r.year1Score())
			.param("y2", r.year2Score())
			.param("at", utc(r.updatedAt()))
			.param("by", r.updatedBy())
			.param("version", r.version())
			.update() == 1;
	}

	private static final String DEDUCTION = """
			select id, city_id, item, points, reason, created_at, created_by, updated_at, updated_by, version
			from prediction_deduction\s""";

	public List<DeductionRow> deductions(long cityId) {
		return jdbc.sql(DEDUCTION + "where city_id = :city order by id")
			.param("city", cityId)
			.query(PredictionStore::deduction)
			.list();
	}

	public Optional<DeductionRow> deduction(long cityId, long id) {
		return jdbc.sql(DEDUCTION + "where city_id = :city and id = :id")
			.param("city", cityId)
			.param("id", id)
			.query(PredictionStore::deduction)
			.optional();
	}

	public BigDecimal deductionTotal(long cityId) {
		return jdbc.sql("select coalesce(sum(points), 0) from prediction_deduction where city_id = :city")
			.param("city", cityId)
			.query(BigDecimal.class)
			.single();
	}

	public long insertDeduction(long cityId, String item, BigDecimal points, String reason, Instant at, String by) {
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("""
				insert into prediction_deduction (city_id, item, points, reason, created_at, created_by, updated_at,
				    updated_by, version)
				values (:city, :item, :points, :reason, :at, :by, :at, :by, 0)""")
			.param("city", cityId)
			.param("item", item)
			.param("points", points)
			.param("reason", reason)
			.param("at", utc(at))
			.param("by", by)
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** A deduction's fields as entered. */
	public record DeductionFields(String item, BigDecimal points, String reason) {
	}

	/** Changes a deduction from {@code version}; false when someone changed it first. */
	public boolean updateDeduction(long cityId, long id, int version, DeductionFields fields, Instant at, String by) {
		return jdbc.sql("""
				update prediction_deduction set item = :item, points = :points, reason = :reason, updated_at = :at,
				    updated_by = :by, version = version + 1
				where city_id = :city and id = :id and version = :version""")
			.param("city", cityId)
			.param("id", id)
			.param("version", version)
			.param("item", fields.item())
			.param("points", fields.points())
			.param("reason", fields.reason())
			.param("at", utc(at))
			.param("by", by)
			.update() == 1;
	}

	public boolean deleteDeduction(long cityId, long id) {
		return jdbc.sql("delete from prediction_deduction where city_id = :city and id = :id")
			.param("city", cityId)
			.param("id", id)
			.update() == 1;
	}

	public List<SnapshotRow> snapshots(long cityId, int weeks) {
		List<SnapshotRow> newest = jdbc.sql("""
				select week, week_end, total, low, high, documents, field, survey, minors, deductions, computed_at,
				       backfilled
				from prediction_snapshot where city_id = :city order by week_end desc limit :weeks""")
			.param("city", cityId)
			.param("weeks", weeks)
			.query((rs, n) -> new SnapshotRow(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3),
					rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
					rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10), instant(rs, 11), rs.getBoolean(12)))
			.list();
		List<SnapshotRow> oldestFirst = new java.util.ArrayList<>(newest);
		java.util.Collections.reverse(oldestFirst);
		return oldestFirst;
	}

	public boolean hasSnapshot(long cityId, String week) {
		return jdbc.sql("select count(*) from prediction_snapshot where city_id = :city and week = :week")
			.param("city", cityId)
			.param("week", week)
			.query(Integer.class)
			.single() > 0;
	}

	public boolean anySnapshot() {
		return jdbc.sql("select count(*) from prediction_snapshot").query(Integer.class).single() > 0;
	}

	/** Stores the week's snapshot unless the city has one for it already; true when stored. */
	public boolean insertSnapshot(long cityId, SnapshotRow s) {
		if (hasSnapshot(cityId, s.week())) {
			return false;
		}
		try {
			jdbc.sql("""
					insert into prediction_snapshot (city_id, week, week_end, total, low, high, documents, field, survey,
					    minors, deductions, computed_at, backfilled)
					values (:city, :week, :end, :total, :low, :high, :documents, :field, :survey, :minors, :deductions,
					    :at, :backfilled)""")
				.param("city", cityId)
				.param("week", s.week())
				.param("end", s.weekEnd())
				.param("total", s.total())
				.param("low", s.low())
				.param("high", s.high())
				.param("documents", s.documents())
				.param("field", s.field())
				.param("survey", s.survey())
				.param("minors", s.minors())
				.param("deductions", s.deductions())
				.param("at", utc(s.computedAt()))
				.param("backfilled", s.backfilled())
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private static DeductionRow deduction(ResultSet rs, int n) throws SQLException {
		return new DeductionRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4), rs.getString(5),
				instant(rs, 6), rs.getString(7), instant(rs, 8), rs.getString(9), rs.getInt(10));
	}

	private static Integer integer(ResultSet rs, int column) throws SQLException {
		int v = rs.getInt(column);
		return rs.wasNull() ? null : v;
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
