package cn.chuangwen.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.chuangwen.audit.AuditEventView;

/**
 * Plain SQL over {@code audit_event} and {@code audit_chain_head}. Only inserts and reads: the
 * trace is append-only (on PostgreSQL a trigger refuses UPDATE and DELETE).
 */
@Repository
public class AuditEventStore {

	static final int FETCH_SIZE = 500;

	private static final String COLUMNS = "id, chain_id, seq, occurred_at, actor, actor_unit_id, city_id, action, "
			+ "outcome, object_type, object_id, reason, changes, client_ip, request_id, prev_hash, hash";

	private final JdbcClient jdbc;

	public AuditEventStore(DataSource dataSource) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.jdbc = JdbcClient.create(template);
	}

	/**
	 * Locks the chain's head row for the rest of the caller's transaction, creating it at genesis
	 * when the chain is new. Two first writers of the same chain meet on the primary key: the
	 * loser's insert does nothing and it waits on the lock instead.
	 */
	public ChainHead lockHead(long chainId) {
		Optional<ChainHead> head = selectHeadForUpdate(chainId);
		if (head.isPresent()) {
			return head.get();
		}
		try {
			jdbc.sql("insert into audit_chain_head (chain_id, last_seq, last_hash) values (?, 0, ?) "
					+ "on conflict do nothing")
				.params(chainId, ChainHash.GENESIS)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// H2 can report the race instead of ignoring it; the row exists either way
		}
		return selectHeadForUpdate(chainId)
			.orElseThrow(() -> new IllegalStateException("audit chain head missing for chain " + chainId));
	}

	private Optional<ChainHead> selectHeadForUpdate(long chainId) {
		return jdbc.sql("select chain_id, last_seq, last_hash from audit_chain_head where chain_id = ? for update")
			.param(chainId)
			.query(AuditEventStore::mapHead)
			.optional();
	}

	public void append(ChainRecord r) {
		jdbc.sql("insert into audit_event (chain_id, seq, occurred_at, actor, actor_unit_id, city_id, action, outcome, "
				+ "object_type, object_id, reason, changes, client_ip, request_id, prev_hash, hash) "
				+ "values (:chainId, :seq, :occurredAt, :actor, :actorUnitId, :cityId, :action, :outcome, "
				+ ":objectType, :objectId, :reason, :changes, :clientIp, :requestId, :prevHash, :hash)")
			.param("chainId", r.chainId())
			.param("seq", r.seq())
			.param("occurredAt", OffsetDateTime.ofInstant(r.occurredAt(), ZoneOffset.UTC))
			.param("actor", r.actor())
			.param("actorUnitId", r.actorUnitId())
			.param("cityId", r.cityId())
			.param("action", r.action())
			.param("outcome", r.outcome())
			.param("objectType", r.objectType())
			.param("objectId", r.objectId())
			.param("reason", r.reason())
			.param("changes", r.changes())
			.param("clientIp", r.clientIp())
			.param("requestId", r.requestId())
			.param("prevHash", r.prevHash())
			.param("hash", r.hash())
			.update();
		int moved = jdbc.sql("update audit_chain_head set last_seq = ?, last_hash = ? where chain_id = ? and last_seq = ?")
			.params(r.seq(), r.hash(), r.chainId(), r.seq() - 1)
			.update();
		if (moved != 1) {
			throw new IllegalStateException("audit chain head moved under a lock for chain " + r.chainId());
		}
	}

	public List<ChainHead> heads() {
		return jdbc.sql("select chain_id, last_seq, last_hash from audit_chain_head order by chain_id")
			.query(AuditEventStore::mapHead)
			.list();
	}

	/** The sum of the chains' last sequence numbers: of chain 0 and the city's, or of all chains (null). */
	public long position(Long cityId) {
		if (cityId == null) {
			return jdbc.sql("select coalesce(sum(last_seq), 0) from audit_chain_head").query(Long.class).single();
		}
		return jdbc.sql("select coalesce(sum(last_seq), 0) from audit_chain_head where chain_id in (0, ?)")
			.param(cityId)
			.query(Long.class)
			.single();
	}

	public Optional<ChainHead> head(long chainId) {
		return jdbc.sql("select chain_id, last_seq, last_hash from audit_chain_head where chain_id = ?")
			.param(chainId)
			.query(AuditEventStore::mapHead)
			.optional();
	}

	/**
	 * Streams the rows of one chain, or of all chains when {@code chainId} is null, ordered by
	 * chain and sequence number, until {@code sink} answers false. Run it inside a transaction so
	 * PostgreSQL uses a cursor (fetch size) instead of reading every row into memory.
	 */
	public void streamChain(Long chainId, Predicate<ChainRecord> sink) {
		String where = chainId == null ? "" : " where chain_id = :chainId";
		JdbcClient.StatementSpec spec = jdbc
			.sql("select " + COLUMNS + " from audit_event" + where + " order by chain_id, seq")
			.withFetchSize(FETCH_SIZE);
		if (chainId != null) {
			spec = spec.param("chainId", chainId);
		}
		try {
			spec.query((ResultSet rs) -> {
				if (!sink.test(mapRecord(rs))) {
					throw new StopStreaming();
				}
			});
		}
		catch (StopStreaming stop) {
			// the sink has seen enough; the statement and cursor are closed by then
		}
	}

	/** Newest first, at most {@code limit} rows, all with an id below {@code before} if given. */
	public List<AuditEventView> search(AuditQuery q, Long before, int limit) {
		Map<String, Object> params = new HashMap<>();
		String sql = "select " + COLUMNS + " from audit_event where " + where(q, before, params)
				+ " order by id desc limit :limit";
		params.put("limit", limit);
		return jdbc.sql(sql).params(params).query((rs, n) -> toView(rs)).list();
	}

	/** Streams the filtered rows, newest first, at most {@code max}; run it inside a transaction. */
	public void streamSearch(AuditQuery q, int max, Consumer<AuditEventView> sink) {
		Map<String, Object> params = new HashMap<>();
		String sql = "select " + COLUMNS + " from audit_event where " + where(q, null, params)
				+ " order by id desc limit :limit";
		params.put("limit", max);
		jdbc.sql(sql).withFetchSize(FETCH_SIZE).params(params).query((ResultSet rs) -> sink.accept(toView(rs)));
	}

	public List<AuditEventView> historyOf(String objectType, String objectId, int limit) {
		return jdbc
			.sql("select " + COLUMNS + " from audit_event where object_type = ? and object_id = ? "
					+ "order by id desc limit ?")
			.params(objectType, objectId, limit)
			.query((rs, n) -> toView(rs))
			.list();
	}

	/**
	 * Object types a unit works on (its assignments, reports, letters, evidence). Accounts, tokens,
	 * roles and sign-ins are not the unit's objects: they stay in the audit administrator's trace.
	 */
	static final List<String> UNIT_WORK = List.of("unit", "assignment", "progress_report", "responsibility_letter",
			"file");

	public List<AuditEventView> recentForUnit(long unitId, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from audit_event
				where (object_type = 'unit' and object_id = :unitText)
				   or (actor_unit_id = :unit and object_type in (:work))
				order by id desc limit :limit""")
			.param("unitText", Long.toString(unitId))
			.param("unit", unitId)
			.param("work", UNIT_WORK)
			.param("limit", limit)
			.query((rs, n) -> toView(rs))
			.list();
	}

	/** Fixed SQL fragments only; every value is a bind parameter. */
	private static String where(AuditQuery q, Long before, Map<String, Object> params) {
		StringBuilder w = new StringBuilder("1 = 1");
		if (q.chainId() != null) {
			w.append(" and chain_id = :chainId");
			params.put("chainId", q.chainId());
		}
		if (q.actor() != null) {
			w.append(" and actor = :actor");
			params.put("actor", q.actor());
		}
		if (q.unitId() != null) {
			w.append(" and (actor_unit_id = :unitId or (object_type = 'unit' and object_id = :unitIdText))");
			params.put("unitId", q.unitId());
			params.put("unitIdText", q.unitId().toString());
		}
		if (q.objectType() != null) {
			w.append(" and object_type = :objectType");
			params.put("objectType", q.objectType());
		}
		if (q.objectId() != null) {
			w.append(" and object_id = :objectId");
			params.put("objectId", q.objectId());
		}
		if (q.action() != null) {
			w.append(" and action = :action");
			params.put("action", q.action());
		}
		if (q.from() != null) {
			w.append(" and occurred_at >= :from");
			params.put("from", OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
		}
		if (q.to() != null) {
			w.append(" and occurred_at < :to");
			params.put("to", OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
		}
		if (before != null) {
			w.append(" and id < :before");
			params.put("before", before);
		}
		return w.toString();
	}

	private static ChainHead mapHead(ResultSet rs, int n) throws SQLException {
		return new ChainHead(rs.getLong("chain_id"), rs.getLong("last_seq"), rs.getString("last_hash"));
	}

	static ChainRecord mapRecord(ResultSet rs) throws SQLException {
		return new ChainRecord(rs.getLong("chain_id"), rs.getLong("seq"), instant(rs), rs.getString("actor"),
				rs.getObject("actor_unit_id", Long.class), rs.getObject("city_id", Long.class), rs.getString("action"),
				rs.getString("outcome"), rs.getString("object_type"), rs.getString("object_id"),
				rs.getString("reason"), rs.getString("changes"), rs.getString("client_ip"),
				rs.getString("request_id"), rs.getString("prev_hash"), rs.getString("hash"));
	}

	private static AuditEventView toView(ResultSet rs) throws SQLException {
		return new AuditEventView(rs.getLong("id"), rs.getLong("chain_id"), rs.getLong("seq"), instant(rs),
				rs.getString("actor"), rs.getObject("actor_unit_id", Long.class), rs.getObject("city_id", Long.class),
				rs.getString("action"), rs.getString("outcome"), rs.getString("object_type"),
				rs.getString("object_id"), rs.getString("reason"), ChangesJson.read(rs.getString("changes")),
				rs.getString("client_ip"), rs.getString("request_id"));
	}

	private static Instant instant(ResultSet rs) throws SQLException {
		OffsetDateTime t = rs.getObject("occurred_at", OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	private static final class StopStreaming extends RuntimeException {

		StopStreaming() {
			super(null, null, false, false);
		}

	}

}
