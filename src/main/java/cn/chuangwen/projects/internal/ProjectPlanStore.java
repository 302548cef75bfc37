package cn.chuangwen.projects.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.projects.Decision;
import cn.chuangwen.projects.PlanView;

/** SQL of key project plans (方案) and their versions. */
@Repository
public class ProjectPlanStore {

	private final JdbcClient jdbc;

	public ProjectPlanStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A project's plans, by name, each with its versions newest first. */
	public List<PlanView> plans(long projectId) {
		Map<Long, String> names = new LinkedHashMap<>();
		Map<Long, List<PlanView.Version>> versions = new LinkedHashMap<>();
		jdbc.sql("""
				select p.id as plan_id, p.name as plan_name, v.id, v.version_no, v.note, v.file_id, f.name, v.state,
				    v.uploaded_by, v.uploaded_at, v.decided_by, v.decided_at, v.decision_note
				from project_plan p join project_plan_version v on v.plan_id = p.id join stored_file f on f.id = v.file_id
				where p.project_id = :p order by p.name, p.id, v.version_no desc""")
			.param("p", projectId)
			.query((rs, n) -> {
				long plan = rs.getLong("plan_id");
				names.put(plan, rs.getString("plan_name"));
				Timestamp decidedAt = rs.getTimestamp("decided_at");
				versions.computeIfAbsent(plan, k -> new ArrayList<>())
					.add(new PlanView.Version(rs.getLong("id"), rs.getInt("version_no"), rs.getString("note"),
							rs.getLong("file_id"), rs.getString("name"), PlanView.State.valueOf(rs.getString("state")),
							rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant(),
							new Decision(rs.getString("decided_by"),
									decidedAt == null ? null : decidedAt.toInstant(), rs.getString("decision_note"))));
				return null;
			})
			.list();
		return names.entrySet()
			.stream()
			.map(e -> new PlanView(e.getKey(), projectId, e.getValue(), versions.get(e.getKey())))
			.toList();
	}

	/** The plan of this name, made if new; locked, so two uploads at once number their versions apart. */
	public long plan(long projectId, long cityId, String name, String by, Instant at) {
		Optional<Long> id = find(projectId, name);
		if (id.isEmpty()) {
			var keys = new GeneratedKeyHolder();
			jdbc.sql("""
					insert into project_plan (project_id, city_id, name, created_by, created_at)
					values (:p, :c, :n, :by, :at)""")
				.param("p", projectId)
				.param("c", cityId)
				.param("n", name)
				.param("by", by)
				.param("at", Timestamp.from(at))
				.update(keys, "id");
			return keys.getKey().longValue();
		}
		return id.get();
	}

	private Optional<Long> find(long projectId, String name) {
		return jdbc.sql("select id from project_plan where project_id = :p and name = :n for update")
			.param("p", projectId)
			.param("n", name)
			.query(Long.class)
			.optional();
	}

	/** A new version of a plan, numbered after the last; returns {id, number}. */
	public long[] addVersion(long planId, String note, long fileId, String by, Instant at) {
		int number = jdbc.sql("select coalesce(max(version_no), 0) + 1 from project_plan_version where plan_id = :p")
			.param("p", planId)
			.query(Integer.class)
			.single();
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into project_plan_version (plan_id, version_no, note, file_id, state, uploaded_by, uploaded_at)
				values (:p, :v, :n, :f, 'PENDING', :by, :at)""")
			.param("p", planId)
			.param("v", number)
			.param("n", note)
			.param("f", fileId)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return new long[] { keys.getKey().longValue(), number };
	}

	/** A version of a project's plan, locked for its decision: {plan name, number, state, uploaded by}. */
	public Optional<String[]> lockVersion(long projectId, long versionId) {
		jdbc.sql("select id from project_plan_version where id = :v for update").param("v", versionId)
			.query(Long.class).optional();
		return jdbc.sql("""
				select p.name, v.version_no, v.state, v.uploaded_by from project_plan_version v
				join project_plan p on p.id = v.plan_id where v.id = :v and p.project_id = :p""")
			.param("v", versionId)
			.param("p", projectId)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) })
			.optional();
	}

	public boolean decide(long versionId, PlanView.State state, String by, String note, Instant at) {
		return jdbc.sql("""
				update project_plan_version set state = :s, decided_by = :by, decided_at = :at, decision_note = :n
				where id = :v and state = 'PENDING'""")
			.param("s", state.name())
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("n", note)
			.param("v", versionId)
			.update() == 1;
	}

	/** The file of a version of a project's plan, if it is one. */
	public Optional<Long> fileOf(long projectId, long versionId) {
		return jdbc.sql("""
				select v.file_id from project_plan_version v join project_plan p on p.id = v.plan_id
				where v.id = :v and p.project_id = :p""")
			.param("v", versionId)
			.param("p", projectId)
			.query(Long.class)
			.optional();
	}

}
