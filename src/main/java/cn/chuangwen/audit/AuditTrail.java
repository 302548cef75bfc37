package cn.chuangwen.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.internal.AuditEventStore;
import cn.chuangwen.audit.internal.ChainHead;
import cn.chuangwen.audit.internal.ChainRecord;
import cn.chuangwen.audit.internal.ChangesJson;
import cn.chuangwen.audit.internal.CurrentActor;
import cn.chuangwen.audit.internal.RequestOrigins;
import cn.chuangwen.audit.internal.Text;

/**
 * The trace (痕迹): an append-only, SM3 hash-chained record of who did what, per city.
 * <p>
 * {@link #record(AuditEntry)} joins the caller's transaction: the event is written with the
 * change it describes or not at all, and if writing it fails the change rolls back (fail-closed).
 * Appending locks the city's chain head until the caller's transaction ends, so record as late
 * in the transaction as you can, and write to one chain per transaction.
 */
@Service
public class AuditTrail {

	/** The most rows {@link #historyOf} and {@link #recentForUnit} return. */
	public static final int MAX_LIMIT = 1000;

	private final AuditEventStore store;

	private final RequestOrigins origins;

	private final Clock clock;

	public AuditTrail(AuditEventStore store, RequestOrigins origins, Clock clock) {
		this.store = store;
		this.origins = origins;
		this.clock = clock;
	}

	/**
	 * Appends the event to the chain of its city (chain 0 when it has none). The actor is the one
	 * named on the entry, else the signed-in {@link Actor}, else the authenticated name, else
	 * {@code anonymous}; the client address and request id are the current request's origin, as the
	 * web layer handed it over (none outside a request).
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public void record(AuditEntry e) {
		String actor;
		Long actorUnitId;
		if (e.actorGiven()) {
			actor = e.actorUsername();
			actorUnitId = e.actorUnitId();
		}
		else {
			actor = CurrentActor.username();
			actorUnitId = CurrentActor.actor().map(Actor::unitId).orElse(null);
		}
		RequestOrigins.Origin origin = origins.current().orElse(null);
		String clientIp = origin == null ? null : origin.clientAddress();
		String requestId = origin == null ? null : origin.requestId();
		long chainId = e.cityId() == null ? 0L : e.cityId();
		Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);

		ChainHead head = store.lockHead(chainId);
		ChainRecord row = new ChainRecord(chainId, head.lastSeq() + 1, at, Text.cap(actor, 64), actorUnitId, e.cityId(),
				Text.cap(e.action(), 64), e.outcome().name(), Text.cap(e.objectType(), 64), Text.cap(e.objectId(), 64),
				Text.cap(e.reason(), 2000), ChangesJson.write(e.changes()), Text.cap(clientIp, 64), Text.cap(requestId, 64),
				head.lastHash(), null)
			.sealed();
		store.append(row);
	}

	/**
	 * Where the trace stands for a city: a number that grows with every event appended to the
	 * city's chain or to the installation's (chain 0), or to any chain when {@code cityId} is null.
	 * Every change is recorded in the transaction that makes it, while the chain head is locked, so
	 * data read after reading position P holds at least every change up to P: an answer computed
	 * that way stays right for as long as the position has not moved (see CachedAnswers).
	 */
	public long position(Long cityId) {
		return store.position(cityId);
	}

	/** The object's events, newest first. */
	@Transactional(readOnly = true)
	public List<AuditEventView> historyOf(String objectType, String objectId, int limit) {
		return store.historyOf(objectType, objectId, clamp(limit));
	}

	/**
	 * Events about the unit itself and about the unit's work done by its people (assignments,
	 * reports, letters, evidence), newest first; never its people's sign-ins, tokens or accounts.
	 */
	@Transactional(readOnly = true)
	public List<AuditEventView> recentForUnit(long unitId, int limit) {
		return store.recentForUnit(unitId, clamp(limit));
	}

	private static int clamp(int limit) {
		return Math.max(1, Math.min(limit, MAX_LIMIT));
	}

}
