package cn.chuangwen.participation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.participation.RoundAnswer;
import cn.chuangwen.participation.RoundView;
import cn.chuangwen.shared.PageRequest;

/** SQL for opinion collection rounds and their answers. */
@Repository
public class RoundStore {

	static final String SELECT = """
			select r.id, r.city_id, c.code as city_code, c.name as city_name, r.topic, r.description, r.deadline,
			    r.state, r.created_by, r.created_at, r.closed_at,
			    (select count(*) from opinion_round_answer a where a.round_id = r.id) as answers
			from opinion_round r join city c on c.id = r.city_id
			""";

	static final String ANSWERS = """
			select a.id, a.text, u.display_name as supervisor_name, a.answer_name, a.answer_phone, a.created_at
			from opinion_round_answer a left join app_user u on u.id = a.supervisor_id
			""";

	private final JdbcClient jdbc;

	public RoundStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long insert(long cityId, String topic, String description, Instant deadline, String by, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into opinion_round (city_id, topic, description, deadline, state, created_by, created_at)
				values (:c, :t, :d, :deadline, 'OPEN', :by, :at)""")
			.param("c", cityId)
			.param("t", topic)
			.param("d", description)
			.param("deadline", Timestamp.from(deadline))
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public Optional<RoundView> find(long cityId, long id) {
		return jdbc.sql(SELECT + " where r.id = :id and r.city_id = :c")
			.param("id", id)
			.param("c", cityId)
			.query(RoundStore::view)
			.optional();
	}

	public List<RoundView> page(long cityId, PageRequest page) {
		return jdbc.sql(SELECT + " where r.city_id = :c order by r.created_at desc, r.id desc limit :limit offset :offset")
			.param("c", cityId)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(RoundStore::view)
			.list();
	}

	public long count(long cityId) {
		return jdbc.sql("select count(*) from opinion_round where city_id = :c").param("c", cityId).query(Long.class).single();
	}

	public int close(long id, String by, Instant at) {
		return jdbc.sql("""
				update opinion_round set state = 'CLOSED', closed_by = :by, closed_at = :at, version = version + 1
				where id = :id and state = 'OPEN'""")
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	public long insertAnswer(long roundId, long cityId, String text, Long supervisorId, String name, String phone,
			Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into opinion_round_answer (round_id, city_id, text, supervisor_id, answer_name, answer_phone,
				    created_at)
				values (:r, :c, :t, :s, :n, :p, :at)""")
			.param("r", roundId)
			.param("c", cityId)
			.param("t", text)
			.param("s", supervisorId)
			.param("n", name)
			.param("p", phone)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** A page of a round's answers, newest first; {@code supervisorId} set: only that supervisor's. */
	public List<RoundAnswer> answers(long roundId, Long supervisorId, PageRequest page) {
		var spec = jdbc.sql(ANSWERS + " where a.round_id = :r" + (supervisorId == null ? "" : " and a.supervisor_id = :s")
				+ " order by a.created_at desc, a.id desc limit :limit offset :offset")
			.param("r", roundId)
			.param("limit", page.size())
			.param("offset", page.offset());
		if (supervisorId != null) {
			spec = spec.param("s", supervisorId);
		}
		return spec.query(RoundStore::answer).list();
	}

	public long countAnswers(long roundId, Long supervisorId) {
		var spec = jdbc.sql("select count(*) from opinion_round_answer a where a.round_id = :r"
				+ (supervisorId == null ? "" : " and a.supervisor_id = :s"))
			.param("r", roundId);
		if (supervisorId != null) {
			spec = spec.param("s", supervisorId);
		}
		return spec.query(Long.class).single();
	}

	static RoundView view(ResultSet rs, int n) throws SQLException {
		return new RoundView(rs.getLong("id"), rs.getLong("city_id"), rs.getString("city_code"), rs.getString("city_name"),
				rs.getString("topic"), rs.getString("description"), CitizenReportStore.instant(rs, "deadline"),
				RoundView.State.valueOf(rs.getString("state")), rs.getString("created_by"),
				CitizenReportStore.instant(rs, "created_at"), CitizenReportStore.instant(rs, "closed_at"),
				rs.getLong("answers"));
	}

	static RoundAnswer answer(ResultSet rs, int n) throws SQLException {
		return new RoundAnswer(rs.getLong("id"), rs.getString("text"), rs.getString("supervisor_name"),
				rs.getString("answer_name"), rs.getString("answer_phone"), CitizenReportStore.instant(rs, "created_at"));
	}

}
