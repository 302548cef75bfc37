package cn.chuangwen.tasks.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.chuangwen.tasks.AssignmentState;

/** SQL for progress_snapshot: counts of assignments per state per day per indicator system. */
@Repository
public class SnapshotStore {

	/** One stored count. */
	public record Snapshot(LocalDate day, AssignmentState state, long assignments, boolean estimated) {
	}

	private final JdbcClient jdbc;

	public SnapshotStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Replaces the system's rows of the day with one row per state (zero included), so re-running
	 * a day never duplicates it. Run inside a transaction, so readers see the old day or the new.
	 */
	public void replace(long cityId, long systemId, LocalDate day, Map<AssignmentState, Long> counts, boolean estimated) {
		jdbc.sql("delete from progress_snapshot where system_id = :s and snapshot_day = :d")
			.param("s", systemId)
			.param("d", day)
			.update();
		for (AssignmentState state : AssignmentState.values()) {
			jdbc.sql("""
					insert into progress_snapshot (city_id, system_id, snapshot_day, state, assignments, estimated)
					values (:c, :s, :d, :state, :n, :e)
					""")
				.param("c", cityId)
				.param("s", systemId)
				.param("d", day)
				.param("state", state.name())
				.param("n", Math.toIntExact(counts.getOrDefault(state, 0L)))
				.param("e", estimated)
				.update();
		}
	}

	/** The system's rows from {@code from} to {@code to} (both included), oldest day first. */
	public List<Snapshot> between(long systemId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				select snapshot_day, state, assignments, estimated from progress_snapshot
				where system_id = :s and snapshot_day between :f and :t
				order by snapshot_day, state
				""")
			.param("s", systemId)
			.param("f", from)
			.param("t", to)
			.query((rs, n) -> new Snapshot(rs.getObject(1, LocalDate.class), AssignmentState.valueOf(rs.getString(2)),
					rs.getLong(3), rs.getBoolean(4)))
			.list();
	}

	/** Whether any snapshot was ever written (the demo backfills only an empty table). */
	public boolean isEmpty() {
		return jdbc.sql("select count(*) from progress_snapshot").query(Long.class).single() == 0;
	}

}
