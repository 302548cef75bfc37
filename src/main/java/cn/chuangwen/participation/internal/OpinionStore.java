package cn.chuangwen.participation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.participation.OpinionState;
import cn.chuangwen.participation.OpinionView;
import cn.chuangwen.participation.OpinionView.Person;
import cn.chuangwen.problems.ProblemState;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.PageRequest;

/**
 * SQL for supervisors' opinions, their photos and the duty roster. A read joins the problem made of
 * an opinion and its unit, so a list shows each outcome without a query per row.
 */
@Repository
public class OpinionStore {

	/**
	 * Which opinions a list reads, always of one city: a supervisor's own ({@code supervisorId}), a
	 * leader's queue ({@code waitingFor}: filed, and sent to that leader or to nobody), or all.
	 */
	public record Filter(long cityId, Long supervisorId, OpinionState state, Long waitingFor) {
	}

	public record NewOpinion(long cityId, long supervisorId, long categoryId, String text, String address,
			GeoPoint place, Long dutyLeaderId, Instant createdAt) {
	}

	public record DutyRow(long id, long leaderId, String leaderName, LocalDate from, String createdBy,
			Instant createdAt) {
	}

	static final String SELECT = """
			select o.id, o.city_id, o.supervisor_id, s.display_name as supervisor_name, k.name as category, o.text,
			    o.address, o.lat, o.lng, o.state, o.duty_leader_id, d.display_name as duty_leader_name,
			    o.instruction, o.instructed_by, i.display_name as instructed_by_name, o.instructed_at, o.problem_id,
			    p.code as problem_code, p.state as problem_state, u.name as unit_name, p.closed_at as problem_closed_at,
			    o.decline_reason, o.decided_by, o.decided_at, o.created_at, o.version
			from supervisor_opinion o
			join app_user s on s.id = o.supervisor_id
			join problem_category k on k.id = o.category_id
			left join app_user d on d.id = o.duty_leader_id
			left join app_user i on i.id = o.instructed_by
			left join problem p on p.id = o.problem_id
			left join unit u on u.id = p.unit_id
			""";

	private final JdbcClient jdbc;

	public OpinionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long insert(NewOpinion o) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into supervisor_opinion (city_id, supervisor_id, category_id, text, address, lat, lng, state,
				    duty_leader_id, created_at)
				values (:city, :supervisor, :category, :text, :address, :lat, :lng, 'FILED', :leader, :at)
				""")
			.param("city", o.cityId())
			.param("supervisor", o.supervisorId())
			.param("category", o.categoryId())
			.param("text", o.text())
			.param("address", o.address())
			.param("lat", o.place() == null ? null : o.place().latitude())
			.param("lng", o.place() == null ? null : o.place().longitude())
			.param("leader", o.dutyLeaderId())
			.param("at", Timestamp.from(o.createdAt()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void insertPhoto(long opinionId, long cityId, long fileId, int position) {
		jdbc.sql("""
				insert into supervisor_opinion_photo (opinion_id, city_id, file_id, position)
				values (:o, :c, :f, :p)""")
			.param("o", opinionId)
			.param("c", cityId)
			.param("f", fileId)
			.param("p", position)
			.update();
	}

	public List<Long> photos(long opinionId) {
		return jdbc.sql("select file_id from supervisor_opinion_photo where opinion_id = :o order by position, id")
			.param("o", opinionId)
			.query(Long.class)
			.list();
	}

	/** The opinion of the city; another city's id reads as none. */
	public Optional<OpinionView> find(long cityId, long id) {
		return jdbc.sql(SELECT + " where o.id = :id and o.city_id = :c")
			.param("id", id)
			.param("c", cityId)
			.query(OpinionStore::view)
			.optional();
	}

	public List<OpinionView> page(Filter f, PageRequest page) {
		return bind(jdbc.sql(SELECT + " where " + where(f)
				+ " order by o.created_at desc, o.id desc limit :limit offset :offset"), f)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(OpinionStore::view)
			.list();
	}

	public long count(Filter f) {
		return bind(jdbc.sql("select count(*) from supervisor_opinion o where " + where(f)), f)
			.query(Long.class)
			.single();
	}

	/** Fixed clauses chosen by which filter fields are set; the values are always bound. */
	private static String where(Filter f) {
		StringBuilder sql = new StringBuilder("o.city_id = :c");
		if (f.supervisorId() != null) {
			sql.append(" and o.supervisor_id = :s");
		}
		if (f.state() != null) {
			sql.append(" and o.state = :state");
		}
		if (f.waitingFor() != null) {
			sql.append(" and o.state = 'FILED' and (o.duty_leader_id = :l or o.duty_leader_id is null)");
		}
		return sql.toString();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Filter f) {
		spec = spec.param("c", f.cityId());
		if (f.supervisorId() != null) {
			spec = spec.param("s", f.supervisorId());
		}
		if (f.state() != null) {
			spec = spec.param("state", f.state().name());
		}
		if (f.waitingFor() != null) {
			spec = spec.param("l", f.waitingFor());
		}
		return spec;
	}

	/** Moves the opinion on only from the state it was read in (a second leader or clerk gets 0 rows). */
	public int instruct(long id, OpinionState from, String text, long leaderId, Instant at) {
		return jdbc.sql("""
				update supervisor_opinion set state = 'INSTRUCTED', instruction = :t, instructed_by = :l,
				    instructed_at = :at, version = version + 1
				where id = :id and state = :from""")
			.param("t", text)
			.param("l", leaderId)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.param("from", from.name())
			.update();
	}

	public int forward(long id, OpinionState from, long problemId, String by, Instant at) {
		return jdbc.sql("""
				update supervisor_opinion set state = 'FORWARDED', problem_id = :p, decided_by = :by, decided_at = :at,
				    version = version + 1
				where id = :id and state = :from""")
			.param("p", problemId)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.param("from", from.name())
			.update();
	}

	public int decline(long id, OpinionState from, String reason, String by, Instant at) {
		return jdbc.sql("""
				update supervisor_opinion set state = 'DECLINED', decline_reason = :r, decided_by = :by,
				    decided_at = :at, version = version + 1
				where id = :id and state = :from""")
			.param("r", reason)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.param("from", from.name())
			.update();
	}

	// --- the duty roster

	/** The leader on duty on {@code day}: the row of the latest start not after it. */
	public Optional<DutyRow> onDuty(long cityId, LocalDate day) {
		return jdbc.sql("""
				select d.id, d.leader_id, u.display_name, d.from_day, d.created_by, d.created_at
				from leader_duty d join app_user u on u.id = d.leader_id
				where d.city_id = :c and d.from_day <= :day
				order by d.from_day desc limit 1""")
			.param("c", cityId)
			.param("day", day)
			.query(OpinionStore::duty)
			.optional();
	}

	public List<DutyRow> roster(long cityId, int limit) {
		return jdbc.sql("""
				select d.id, d.leader_id, u.display_name, d.from_day, d.created_by, d.created_at
				from leader_duty d join app_user u on u.id = d.leader_id
				where d.city_id = :c order by d.from_day desc limit :limit""")
			.param("c", cityId)
			.param("limit", limit)
			.query(OpinionStore::duty)
			.list();
	}

	public Optional<DutyRow> dutyOn(long cityId, LocalDate day) {
		return jdbc.sql("""
				select d.id, d.leader_id, u.display_name, d.from_day, d.created_by, d.created_at
				from leader_duty d join app_user u on u.id = d.leader_id
				where d.city_id = :c and d.from_day = :day""")
			.param("c", cityId)
			.param("day", day)
			.query(OpinionStore::duty)
			.optional();
	}

	public Optional<DutyRow> duty(long cityId, long id) {
		return jdbc.sql("""
				select d.id, d.leader_id, u.display_name, d.from_day, d.created_by, d.created_at
				from leader_duty d join app_user u on u.id = d.leader_id
				where d.city_id = :c and d.id = :id""")
			.param("c", cityId)
			.param("id", id)
			.query(OpinionStore::duty)
			.optional();
	}

	public void insertDuty(long cityId, long leaderId, LocalDate from, String by, Instant at) {
		jdbc.sql("""
				insert into leader_duty (city_id, leader_id, from_day, created_by, created_at)
				values (:c, :l, :d, :by, :at)""")
			.param("c", cityId)
			.param("l", leaderId)
			.param("d", from)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update();
	}

	public void updateDuty(long id, long leaderId, String by, Instant at) {
		jdbc.sql("update leader_duty set leader_id = :l, created_by = :by, created_at = :at where id = :id")
			.param("l", leaderId)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	public void deleteDuty(long id) {
		jdbc.sql("delete from leader_duty where id = :id").param("id", id).update();
	}

	static DutyRow duty(ResultSet rs, int n) throws SQLException {
		return new DutyRow(rs.getLong("id"), rs.getLong("leader_id"), rs.getString("display_name"),
				rs.getObject("from_day", LocalDate.class), rs.getString("created_by"),
				rs.getTimestamp("created_at").toInstant());
	}

	static OpinionView view(ResultSet rs, int n) throws SQLException {
		Long duty = rs.getObject("duty_leader_id", Long.class);
		Long instructedBy = rs.getObject("instructed_by", Long.class);
		Long problem = rs.getObject("problem_id", Long.class);
		String reason = rs.getString("decline_reason");
		OpinionState state = OpinionState.valueOf(rs.getString("state"));
		return new OpinionView(rs.getLong("id"),
				new OpinionView.Stamp(rs.getLong("city_id"), CitizenReportStore.instant(rs, "created_at"),
						rs.getInt("version")),
				new Person(rs.getLong("supervisor_id"), rs.getString("supervisor_name")), rs.getString("category"),
				rs.getString("text"),
				new OpinionView.Place(rs.getString("address"), rs.getBigDecimal("lat"), rs.getBigDecimal("lng")), state,
				duty == null ? null : new Person(duty, rs.getString("duty_leader_name")),
				instructedBy == null ? null
						: new OpinionView.Instruction(rs.getString("instruction"),
								new Person(instructedBy, rs.getString("instructed_by_name")),
								CitizenReportStore.instant(rs, "instructed_at")),
				problem == null ? null
						: new OpinionView.Outcome(problem, rs.getString("problem_code"),
								ProblemState.valueOf(rs.getString("problem_state")), rs.getString("unit_name"),
								CitizenReportStore.instant(rs, "problem_closed_at")),
				state == OpinionState.DECLINED
						? new OpinionView.Decline(reason, rs.getString("decided_by"), CitizenReportStore.instant(rs, "decided_at"))
						: null,
				List.of());
	}

}
