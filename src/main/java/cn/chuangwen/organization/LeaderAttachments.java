package cn.chuangwen.organization;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.internal.AttachmentStore;
import cn.chuangwen.organization.internal.UnitStore;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * Leader attachments (挂点, Q2; 分片挂点督导, T1): the city office attaches each city leader to one or
 * two communities, or to a town. A leader is an enabled account holding {@link Role#CITY_LEADER}
 * in the unit's city. Every attach and detach is in the trace, on the unit.
 */
@Service
public class LeaderAttachments {

	/** A city leader, as a select lists them. */
	public record Leader(long id, String displayName, long cityId) {
	}

	static final int MAX_REASON = 500;

	private final AttachmentStore store;

	private final UnitStore units;

	private final AuditTrail audit;

	private final Clock clock;

	public LeaderAttachments(AttachmentStore store, UnitStore units, AuditTrail audit, Clock clock) {
		this.store = store;
		this.units = units;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Attaches a leader to a unit: needs {@code unit:write}; the unit must be in the caller's scope
	 * (404 otherwise) and active; the leader a CITY_LEADER of the unit's city, not yet attached to it.
	 */
	@Transactional
	public LeaderAttachmentView attach(CurrentUser office, long leaderUserId, long unitId) {
		Units.requireWrite(office);
		UnitView unit = units.find(office.scope(), unitId).orElseThrow(() -> new NotFoundException("unit", unitId));
		List<FieldProblem> problems = new ArrayList<>();
		var leader = store.leader(leaderUserId, unit.cityId());
		if (leader.isEmpty()) {
			problems.add(FieldProblem.of("leaderUserId", "attachment.error.leader"));
		}
		else if (store.exists(leaderUserId, unitId)) {
			problems.add(FieldProblem.of("leaderUserId", "attachment.error.duplicate", leader.get().displayName()));
		}
		if (!unit.active()) {
			problems.add(FieldProblem.of("leaderUserId", "attachment.error.unit.inactive"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		long id;
		try {
			id = store.insert(unit.cityId(), leaderUserId, unitId, clock.instant(), office.username());
		}
		catch (DuplicateKeyException ex) {
			// attached by someone else a moment ago
			throw new InvalidInputException(
					FieldProblem.of("leaderUserId", "attachment.error.duplicate", leader.get().displayName()));
		}
		LeaderAttachmentView created = store.find(id).orElseThrow();
		audit.record(AuditEntry.of("LEADER_ATTACH")
			.city(unit.cityId())
			.object("unit", unitId)
			.change("attachment", null, id)
			.change("leader", null, leaderLabel(created)));
		return created;
	}

	/** Ends an attachment (the row goes; the trace keeps it), with an optional reason. */
	@Transactional
	public LeaderAttachmentView detach(CurrentUser office, long attachmentId, String reason) {
		Units.requireWrite(office);
		LeaderAttachmentView attachment = store.find(attachmentId)
			.filter(a -> office.scope().includesUnit(a.cityId(), a.unitPath()))
			.orElseThrow(() -> new NotFoundException("leader attachment", attachmentId));
		String why = reason == null || reason.isBlank() ? null : reason.trim();
		if (why != null && why.length() > MAX_REASON) {
			throw new InvalidInputException(FieldProblem.of("reason", "unit.error.text.long", MAX_REASON));
		}
		if (!store.delete(attachmentId)) {
			throw new NotFoundException("leader attachment", attachmentId);
		}
		audit.record(AuditEntry.of("LEADER_DETACH")
			.city(attachment.cityId())
			.object("unit", attachment.unitId())
			.reason(why)
			.change("attachment", attachmentId, null)
			.change("leader", leaderLabel(attachment), null));
		return attachment;
	}

	/** A leader's attachments that lie in the caller's scope, in tree order. */
	@Transactional(readOnly = true)
	public List<LeaderAttachmentView> attachmentsOf(CurrentUser caller, long leaderUserId) {
		return store.ofLeader(leaderUserId)
			.stream()
			.filter(a -> caller.scope().includesUnit(a.cityId(), a.unitPath()))
			.toList();
	}

	/** The leaders attached to a unit; 404 when the unit is outside the caller's scope. */
	@Transactional(readOnly = true)
	public List<LeaderAttachmentView> leadersOf(CurrentUser caller, long unitId) {
		units.find(caller.scope(), unitId).orElseThrow(() -> new NotFoundException("unit", unitId));
		return store.ofUnit(unitId);
	}

	/** The CITY_LEADER accounts of the cities the caller can see (all cities for province staff). */
	@Transactional(readOnly = true)
	public List<Leader> leaders(CurrentUser caller) {
		DataScope scope = caller.scope();
		if (scope.allCities()) {
			return store.leaders(null);
		}
		return scope.cityId() == null ? List.of() : store.leaders(scope.cityId());
	}

	/** The CITY_LEADER accounts of one city; empty when the caller cannot see the city. */
	@Transactional(readOnly = true)
	public List<Leader> leaders(CurrentUser caller, long cityId) {
		return caller.scope().includesCity(cityId) ? store.leaders(cityId) : List.of();
	}

	private static String leaderLabel(LeaderAttachmentView a) {
		return a.leaderName() + " (" + a.leaderUsername() + ")";
	}

}
