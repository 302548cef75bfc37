package cn.chuangwen.projects.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for joint meetings, the units asked to attend and the decisions. */
@Repository
public class MeetingStore {

	private static final String SELECT = """
			select id, city_id, title, held_on, place, agenda, minutes_number, minutes_at, created_by, created_at, version
			from joint_meeting
			""";

	public record MeetingRow(long id, long cityId, String title, LocalDate heldOn, String place, String agenda,
			String minutesNumber, Instant minutesAt, String createdBy, Instant createdAt, int version) {
	}

	public record AttendeeRow(long unitId, String unitName, Instant signedInAt, String signedInBy) {
	}

	public record DecisionRow(long id, long meetingId, String text, String kind, long unitId, String unitName,
			LocalDate deadline, long linkedId) {
	}

	private final JdbcClient jdbc;

	public MeetingStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long insert(long cityId, String title, LocalDate heldOn, String place, String by, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into joint_meeting (city_id, title, held_on, place, created_by, created_at, version)
				values (:c, :t, :d, :p, :by, :at, 0)""")
			.param("c", cityId)
			.param("t", title)
			.param("d", heldOn)
			.param("p", place)
			.param("by", by)
			.param("at", utc(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void insertUnits(long meetingId, List<Long> unitIds) {
		for (Long u : unitIds) {
			jdbc.sql("insert into joint_meeting_unit (meeting_id, unit_id) values (:m, :u)")
				.param("m", meetingId)
				.param("u", u)
				.update();
		}
	}

	/** The city's meetings, newest first; with {@code unitId}, only those the unit is asked to. */
	public List<MeetingRow> meetings(long cityId, Long unitId, int limit) {
		return jdbc.sql(SELECT + " where city_id = :c" + (unitId == null ? ""
				: " and id in (select meeting_id from joint_meeting_unit where unit_id = :u)")
				+ " order by held_on desc, id desc fetch first :n rows only")
			.param("c", cityId)
			.param("u", unitId)
			.param("n", limit)
			.query(MeetingStore::map)
			.list();
	}

	public Optional<MeetingRow> find(long id) {
		return jdbc.sql(SELECT + " where id = :id").param("id", id).query(MeetingStore::map).optional();
	}

	/** The city's meeting held just before this one (by day, then by id). */
	public Optional<MeetingRow> previous(MeetingRow m) {
		return jdbc.sql(SELECT + """
				 where city_id = :c and (held_on < :d or held_on = :d and id < :id)
				order by held_on desc, id desc fetch first 1 rows only""")
			.param("c", m.cityId())
			.param("d", m.heldOn())
			.param("id", m.id())
			.query(MeetingStore::map)
			.optional();
	}

	public List<AttendeeRow> attendees(long meetingId) {
		return jdbc.sql("""
				select a.unit_id, u.name, a.signed_in_at, a.signed_in_by from joint_meeting_unit a
				join unit u on u.id = a.unit_id where a.meeting_id = :m order by u.name, a.unit_id""")
			.param("m", meetingId)
			.query((rs, n) -> new AttendeeRow(rs.getLong(1), rs.getString(2), instant(rs.getObject(3, OffsetDateTime.class)),
					rs.getString(4)))
			.list();
	}

	public List<DecisionRow> decisions(long meetingId) {
		return jdbc.sql("""
				select d.id, d.meeting_id, d.text, d.kind, d.unit_id, u.name, d.deadline, d.linked_id
				from meeting_decision d join unit u on u.id = d.unit_id where d.meeting_id = :m order by d.id""")
			.param("m", meetingId)
			.query((rs, n) -> new DecisionRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
					rs.getString(6), rs.getObject(7, LocalDate.class), rs.getLong(8)))
			.list();
	}

	public void setAgenda(long id, String agenda) {
		jdbc.sql("update joint_meeting set agenda = :a, version = version + 1 where id = :id")
			.param("a", agenda)
			.param("id", id)
			.update();
	}

	/** Records the minutes' number, once: false when they were issued already. */
	public boolean issueMinutes(long id, String number, Instant at) {
		return jdbc.sql("""
				update joint_meeting set minutes_number = :n, minutes_at = :at, version = version + 1
				where id = :id and minutes_number is null""")
			.param("n", number)
			.param("at", utc(at))
			.param("id", id)
			.update() == 1;
	}

	/** Locks the meeting's row for the issuing of its minutes. */
	public void lock(long id) {
		jdbc.sql("select id from joint_meeting where id = :id for update").param("id", id).query(Long.class).single();
	}

	/** Signs the unit in once: false when it is not asked to the meeting or signed in already. */
	public boolean signIn(long meetingId, long unitId, Instant at, String by) {
		return jdbc.sql("""
				update joint_meeting_unit set signed_in_at = :at, signed_in_by = :by
				where meeting_id = :m and unit_id = :u and signed_in_at is null""")
			.param("at", utc(at))
			.param("by", by)
			.param("m", meetingId)
			.param("u", unitId)
			.update() == 1;
	}

	/** A decision to record: what became of it ({@code kind}, {@code linkedId}) is known by then. */
	public record NewDecision(long meetingId, long cityId, String text, String kind, long unitId, LocalDate deadline,
			long linkedId, String by, Instant at) {
	}

	public long insertDecision(NewDecision d) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into meeting_decision (meeting_id, city_id, text, kind, unit_id, deadline, linked_id, created_by,
				    created_at)
				values (:m, :c, :t, :k, :u, :d, :l, :by, :at)""")
			.param("m", d.meetingId())
			.param("c", d.cityId())
			.param("t", d.text())
			.param("k", d.kind())
			.param("u", d.unitId())
			.param("d", d.deadline())
			.param("l", d.linkedId())
			.param("by", d.by())
			.param("at", utc(d.at()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	private static MeetingRow map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new MeetingRow(rs.getLong("id"), rs.getLong("city_id"), rs.getString("title"),
				rs.getObject("held_on", LocalDate.class), rs.getString("place"), rs.getString("agenda"),
				rs.getString("minutes_number"), instant(rs.getObject("minutes_at", OffsetDateTime.class)), rs.getString("created_by"), instant(rs.getObject("created_at", OffsetDateTime.class)), rs.getInt("version"));
	}

	private static Instant instant(OffsetDateTime t) {
		return t == null ? null : t.toInstant();
	}

	private static OffsetDateTime utc(Instant i) {
		return i == null ? null : i.atOffset(ZoneOffset.UTC);
	}

	// --- the city's meeting rhythm (its calendar)

	/** The rhythm of a city as stored: the kind, the day of the month, the first month of the series. */
	public record RhythmRow(long cityId, String rhythm, int dayOfMonth, LocalDate startsOn, String updatedBy,
			Instant updatedAt) {
	}

	public Optional<RhythmRow> rhythm(long cityId) {
		return jdbc.sql("""
				select city_id, rhythm, day_of_month, starts_on, updated_by, updated_at from meeting_rhythm
				where city_id = :c""")
			.param("c", cityId)
			.query((rs, n) -> new RhythmRow(rs.getLong(1), rs.getString(2), rs.getInt(3),
					rs.getObject(4, LocalDate.class), rs.getString(5), rs.getTimestamp(6).toInstant()))
			.optional();
	}

	/** Every city's rhythm that holds meetings (not NONE). */
	public List<RhythmRow> activeRhythms() {
		return jdbc.sql("""
				select city_id, rhythm, day_of_month, starts_on, updated_by, updated_at from meeting_rhythm
				where rhythm <> 'NONE' order by city_id""")
			.query((rs, n) -> new RhythmRow(rs.getLong(1), rs.getString(2), rs.getInt(3),
					rs.getObject(4, LocalDate.class), rs.getString(5), rs.getTimestamp(6).toInstant()))
			.list();
	}

	/** Replaces a city's rhythm and its default units. */
	public void saveRhythm(RhythmRow r, List<Long> unitIds) {
		jdbc.sql("delete from meeting_rhythm_unit where city_id = :c").param("c", r.cityId()).update();
		int n = jdbc.sql("""
				update meeting_rhythm set rhythm = :r, day_of_month = :d, starts_on = :s, updated_by = :by,
				    updated_at = :at where city_id = :c""")
			.param("r", r.rhythm())
			.param("d", r.dayOfMonth())
			.param("s", r.startsOn())
			.param("by", r.updatedBy())
			.param("at", utc(r.updatedAt()))
			.param("c", r.cityId())
			.update();
		if (n == 0) {
			jdbc.sql("""
					insert into meeting_rhythm (city_id, rhythm, day_of_month, starts_on, updated_by, updated_at)
					values (:c, :r, :d, :s, :by, :at)""")
				.param("c", r.cityId())
				.param("r", r.rhythm())
				.param("d", r.dayOfMonth())
				.param("s", r.startsOn())
				.param("by", r.updatedBy())
				.param("at", utc(r.updatedAt()))
				.update();
		}
		for (Long u : unitIds) {
			jdbc.sql("insert into meeting_rhythm_unit (city_id, unit_id) values (:c, :u)")
				.param("c", r.cityId())
				.param("u", u)
				.update();
		}
	}

	/** The default units of a city's rhythm that are still active. */
	public List<Long> rhythmUnits(long cityId) {
		return jdbc.sql("""
				select r.unit_id from meeting_rhythm_unit r join unit u on u.id = r.unit_id
				where r.city_id = :c and u.active order by u.code, u.id""")
			.param("c", cityId)
			.query(Long.class)
			.list();
	}

	/** The first meeting of a city held within the days given (a month), if one was called. */
	public Optional<MeetingRow> firstBetween(long cityId, LocalDate from, LocalDate to) {
		return jdbc.sql(SELECT + " where city_id = :c and held_on between :f and :t order by held_on, id")
			.param("c", cityId)
			.param("f", from)
			.param("t", to)
			.query(MeetingStore::map)
			.stream()
			.findFirst();
	}

	/** Locks a city's rhythm row: two nodes or a save and the calendar never create one month's meeting twice. */
	public void lockRhythm(long cityId) {
		jdbc.sql("select city_id from meeting_rhythm where city_id = :c for update").param("c", cityId)
			.query(Long.class).optional();
	}

}
