package cn.chuangwen.participation.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.participation.ReportChannel;
import cn.chuangwen.participation.ReportState;
import cn.chuangwen.shared.GeoPoint;

/** SQL for citizen reports, their photos, public updates and "me too"s. */
@Repository
public class CitizenReportStore {

	/** A report row with everything the module needs; public and office views are made from it. */
	public record Row(long id, long cityId, String cityCode, String code, ReportChannel channel, long categoryId,
			String category, String description, String address, BigDecimal lat, BigDecimal lng, String reporterName,
			String reporterPhone, ReportState state, Long townId, Long problemId, String publicReason, int supporters,
			Integer rating, Instant createdAt, Instant answeredAt, Instant closedAt, int version) {
	}

	public record NewReport(long cityId, String code, ReportChannel channel, long categoryId, String description,
			String address, GeoPoint place, String reporterName, String reporterPhone, String enteredBy,
			Long partnerKeyId, String senderHash, Instant createdAt) {
	}

	public record PhotoRow(long id, long reportId, long fileId, long publicFileId, int position) {
	}

	public record UpdateRow(long id, ReportState state, String text, Instant at) {
	}

	static final String SELECT = """
			select r.id, r.city_id, c.code as city_code, r.code, r.channel, r.category_id, k.name as category,
			    r.description, r.address, r.lat, r.lng, r.reporter_name, r.reporter_phone, r.state, r.town_id,
			    r.problem_id, r.public_reason, r.supporters, r.rating, r.created_at, r.answered_at, r.closed_at,
			    r.version
			from citizen_report r
			join city c on c.id = r.city_id
			join problem_category k on k.id = r.category_id
			""";

	private final JdbcClient jdbc;

	private final boolean postgres;

	public CitizenReportStore(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.postgres = isPostgres(dataSource);
	}

	private static boolean isPostgres(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read the database's product name", ex);
		}
	}

	/**
	 * The next number of the city's year. The counter row's lock serialises two senders until the
	 * caller's transaction ends, so callers draw it in a short transaction of its own.
	 */
	public int nextSeq(long cityId, int year) {
		if (increment(cityId, year) == 0) {
			jdbc.sql("insert into citizen_report_counter (city_id, code_year, last_seq) values (:c, :y, 0) on conflict do nothing")
				.param("c", cityId)
				.param("y", year)
				.update();
			increment(cityId, year);
		}
		return jdbc.sql("select last_seq from citizen_report_counter where city_id = :c and code_year = :y")
			.param("c", cityId)
			.param("y", year)
			.query(Integer.class)
			.single();
	}

	/**
	 * Lets the current transaction end without waiting for its commit to reach the disk (PostgreSQL;
	 * nothing on H2). Only for a transaction that draws a number and nothing else: the report's own
	 * commit, later in the same log, flushes it; if the report is lost in a crash, its number may be
	 * drawn again, never one a stored report holds.
	 */
	public void endWithoutWaitingForDisk() {
		if (postgres) {
			jdbc.sql("set local synchronous_commit = off").update();
		}
	}

	private int increment(long cityId, int year) {
		return jdbc.sql("update citizen_report_counter set last_seq = last_seq + 1 where city_id = :c and code_year = :y")
			.param("c", cityId)
			.param("y", year)
			.update();
	}

	public long insert(NewReport r) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into citizen_report (city_id, code, channel, category_id, description, address, lat, lng,
				    reporter_name, reporter_phone, state, entered_by, partner_key_id, sender_hash, created_at)
				values (:city, :code, :channel, :category, :description, :address, :lat, :lng,
				    :name, :phone, 'RECEIVED', :enteredBy, :partnerKey, :sender, :createdAt)
				""")
			.param("city", r.cityId())
			.param("code", r.code())
			.param("channel", r.channel().name())
			.param("category", r.categoryId())
			.param("description", r.description())
			.param("address", r.address())
			.param("lat", r.place() == null ? null : r.place().latitude())
			.param("lng", r.place() == null ? null : r.place().longitude())
			.param("name", r.reporterName())
			.param("phone", r.reporterPhone())
			.param("enteredBy", r.enteredBy())
			.param("partnerKey", r.partnerKeyId())
			.param("sender", r.senderHash())
			.param("createdAt", Timestamp.from(r.createdAt()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void insertPhoto(long reportId, long cityId, long fileId, long publicFileId, int position) {
		jdbc.sql("""
				insert into citizen_report_photo (report_id, city_id, file_id, public_file_id, position)
				values (:report, :city, :file, :publicFile, :position)
				""")
			.param("report", reportId)
			.param("city", cityId)
			.param("file", fileId)
			.param("publicFile", publicFileId)
			.param("position", position)
			.update();
	}

	/** Adds a public update (the state it reached and the words the citizen reads). */
	public void insertUpdate(long reportId, long cityId, ReportState state, String text, Instant at) {
		jdbc.sql("""
				insert into citizen_report_update (report_id, city_id, state, text, created_at)
				values (:report, :city, :state, :text, :at)
				""")
			.param("report", reportId)
			.param("city", cityId)
			.param("state", state.name())
			.param("text", text)
			.param("at", Timestamp.from(at))
			.update();
	}

	public Optional<Row> findByCode(String code) {
		return jdbc.sql(SELECT + " where r.code = :code").param("code", code).query(CitizenReportStore::row).optional();
	}

	public Optional<Row> find(long id) {
		return jdbc.sql(SELECT + " where r.id = :id").param("id", id).query(CitizenReportStore::row).optional();
	}

	public List<PhotoRow> photos(long reportId) {
		return jdbc.sql("""
				select id, report_id, file_id, public_file_id, position from citizen_report_photo
				where report_id = :r order by position, id
				""")
			.param("r", reportId)
			.query((rs, n) -> new PhotoRow(rs.getLong("id"), rs.getLong("report_id"), rs.getLong("file_id"),
					rs.getLong("public_file_id"), rs.getInt("position")))
			.list();
	}

	/**
	 * Whether {@code publicFileId} is the public copy of one of the photos of the report with that
	 * code: one indexed lookup for each photo a follow page shows.
	 */
	public boolean hasPublicPhoto(String code, long publicFileId) {
		return jdbc.sql("""
				select count(*) from citizen_report_photo p join citizen_report r on r.id = p.report_id
				where r.code = :code and p.public_file_id = :file""")
			.param("code", code)
			.param("file", publicFileId)
			.query(Integer.class)
			.single() > 0;
	}

	public List<UpdateRow> updates(long reportId) {
		return jdbc.sql("select id, state, text, created_at from citizen_report_update where report_id = :r order by id")
			.param("r", reportId)
			.query((rs, n) -> new UpdateRow(rs.getLong("id"), ReportState.valueOf(rs.getString("state")),
					rs.getString("text"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/** A candidate of "the same near here": an open report of the category inside the box. */
	public record NearbyRow(String code, BigDecimal lat, BigDecimal lng, ReportState state) {
	}

	/**
	 * Reports a sender (by its hash) sent since the instant, counted up to {@code atMost}: the hourly
	 * count behind the challenge, which only asks "at least three?", so a busy sender costs three index rows.
	 */
	public int countBySenderSince(String senderHash, Instant since, int atMost) {
		return jdbc.sql("""
				select count(*) from (select 1 from citizen_report where sender_hash = :h and created_at >= :since
				limit :atMost) x""")
			.param("h", senderHash)
			.param("since", Timestamp.from(since))
			.param("atMost", atMost)
			.query(Integer.class)
			.single();
	}

	/**
	 * Open reports (neither solved nor rejected) of the city and category created since the instant
	 * whose place lies in the box: the SQL half of "within 250 m"; the caller keeps those within the
	 * distance. At most {@code limit}, which bounds a crowded box, not the answer.
	 */
	public List<NearbyRow> inBox(long cityId, long categoryId, GeoPoint.Box box, Instant since, int limit) {
		return jdbc.sql("""
				select code, lat, lng, state from citizen_report
				where city_id = :city and category_id = :category
				  and lat between :minLat and :maxLat and lng between :minLng and :maxLng
				  and created_at >= :since and state not in ('SOLVED', 'REJECTED')
				limit :limit
				""")
			.param("city", cityId)
			.param("category", categoryId)
			.param("minLat", box.minLat())
			.param("maxLat", box.maxLat())
			.param("minLng", box.minLng())
			.param("maxLng", box.maxLng())
			.param("since", Timestamp.from(since))
			.param("limit", limit)
			.query((rs, n) -> new NearbyRow(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
					ReportState.valueOf(rs.getString(4))))
			.list();
	}

	/**
	 * Locks the report's row until the transaction ends (two "me too"s of one sender count once) and
	 * reads it as it stands then.
	 */
	public Row lock(long id) {
		jdbc.sql("select id from citizen_report where id = :id for update").param("id", id).query(Long.class).list();
		return find(id).orElseThrow();
	}

	public boolean hasSupport(long reportId, String senderHash) {
		return jdbc.sql("select count(*) from citizen_report_support where report_id = :r and sender_hash = :h")
			.param("r", reportId)
			.param("h", senderHash)
			.query(Integer.class)
			.single() > 0;
	}

	/** Adds a "me too" and counts it on the report; returns the new number of supporters. */
	public int addSupport(long reportId, long cityId, String senderHash, Instant at) {
		jdbc.sql("""
				insert into citizen_report_support (report_id, city_id, sender_hash, created_at)
				values (:r, :city, :h, :at)
				""")
			.param("r", reportId)
			.param("city", cityId)
			.param("h", senderHash)
			.param("at", Timestamp.from(at))
			.update();
		jdbc.sql("update citizen_report set supporters = supporters + 1 where id = :id").param("id", reportId).update();
		return jdbc.sql("select supporters from citizen_report where id = :id")
			.param("id", reportId)
			.query(Integer.class)
			.single();
	}

	/** Rates a solved report not rated yet; false when it is not solved or already rated (nothing changed). */
	public boolean rate(long id, int stars, Instant at) {
		return jdbc.sql("""
				update citizen_report set rating = :stars, rated_at = :at, version = version + 1
				where id = :id and state = 'SOLVED' and rating is null
				""")
			.param("stars", stars)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update() == 1;
	}

	public static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getLong("city_id"), rs.getString("city_code"), rs.getString("code"),
				ReportChannel.valueOf(rs.getString("channel")), rs.getLong("category_id"), rs.getString("category"),
				rs.getString("description"), rs.getString("address"), rs.getBigDecimal("lat"), rs.getBigDecimal("lng"),
				rs.getString("reporter_name"), rs.getString("reporter_phone"), ReportState.valueOf(rs.getString("state")),
				rs.getObject("town_id", Long.class), rs.getObject("problem_id", Long.class), rs.getString("public_reason"),
				rs.getInt("supporters"), rs.getObject("rating", Integer.class), instant(rs, "created_at"),
				instant(rs, "answered_at"), instant(rs, "closed_at"), rs.getInt("version"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	/** A unit's handling of the citizen reports that became its problems (see {@link #handling}). */
	public record Handling(long unitId, long due, long onTime, long rated, long starSum) {
	}

	/**
	 * Per responsible unit, over the reports made in {@code [from, to)} that became a problem
	 * (accepted or merged): due = the problem's deadline passed by {@code asOf}, or rectified; on
	 * time = rectified (submitted, closed or waiting for verification) by its deadline; the ratings.
	 */
	public List<Handling> handling(long cityId, Instant from, Instant to, Instant asOf) {
		return jdbc.sql("""
				select p.unit_id,
				       sum(case when p.deadline < :asOf or p.state in ('SUBMITTED', 'CLOSED') then 1 else 0 end),
				       sum(case when p.state in ('SUBMITTED', 'CLOSED') and p.submitted_at <= p.deadline then 1 else 0 end),
				       sum(case when r.rating is not null then 1 else 0 end), coalesce(sum(r.rating), 0)
				from citizen_report r join problem p on p.id = r.problem_id
				where r.city_id = :c and r.created_at >= :from and r.created_at < :to and r.state <> 'REJECTED'
				group by p.unit_id""")
			.param("c", cityId)
			.param("from", from.atOffset(ZoneOffset.UTC))
			.param("to", to.atOffset(ZoneOffset.UTC))
			.param("asOf", asOf.atOffset(ZoneOffset.UTC))
			.query((rs, n) -> new Handling(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
			.list();
	}

	public boolean anyReport(long cityId) {
		return jdbc.sql("select count(*) from (select 1 from citizen_report where city_id = :c fetch first 1 rows only) x")
			.param("c", cityId).query(Long.class).single() > 0;
	}

}
