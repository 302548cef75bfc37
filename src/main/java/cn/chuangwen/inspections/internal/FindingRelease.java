package cn.chuangwen.inspections.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.inspections.InspectionFindingReleased;
import cn.chuangwen.inspections.InspectionRoundClosed;
import cn.chuangwen.inspections.InspectionView;
import cn.chuangwen.inspections.ItemOutcome;

/**
 * Sends an inspection's findings to the units: marks them dispatched and publishes
 * {@link InspectionFindingReleased} (one per finding) in the same transaction, so the problems follow
 * once per inspection (the event registry redelivers after a crash; the problems' listener makes nothing
 * twice). An announced round's inspections are released as they are submitted (city setting); the
 * rest when the office closes the round.
 */
@Component
public class FindingRelease {

	/** Who releases a closed round's findings: the close itself, no person at this moment. */
	static final String SYSTEM = "system";

	private final InspectionStore store;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	FindingRelease(InspectionStore store, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** The office closed a round: every inspection of it not yet released goes out now. */
	@ApplicationModuleListener
	void on(InspectionRoundClosed e) {
		for (long id : store.unreleased(e.planId())) {
			release(id, SYSTEM, null);
		}
	}

	/**
	 * Releases one inspection's findings unless they already went (false then). Joins the caller's
	 * transaction; the trace names {@code by}.
	 */
	public boolean release(long inspectionId, String by, Long byUnitId) {
		Instant now = clock.instant();
		if (!store.markReleased(inspectionId, now)) {
			return false;
		}
		InspectionView v = store.find(inspectionId).orElseThrow();
		InspectionStore.PointRow point = store.point(v.fieldPointId()).orElseThrow();
		Map<Long, List<Long>> photos = store.displayFiles(inspectionId);
		List<InspectionFindingReleased.Finding> findings = store.results(inspectionId)
			.stream()
			.filter(r -> r.outcome() == ItemOutcome.DEDUCT)
			.map(r -> new InspectionFindingReleased.Finding(r.itemId(), r.category(), r.item(), r.deduction(),
					r.verdict(), r.note(), r.indicatorId(), photos.getOrDefault(r.itemId(), List.of())))
			.toList();
		audit.record(AuditEntry.of("INSPECTION_FINDINGS_RELEASE")
			.actor(by, byUnitId)
			.city(v.cityId())
			.object("inspection", inspectionId)
			.change("findings", null, findings.size())
			.change("findingsDispatchedAt", null, now));
		InspectionFindingReleased.Point at = new InspectionFindingReleased.Point(point.id(), point.code(), point.name(),
				point.address(), point.lat(), point.lng());
		for (InspectionFindingReleased.Finding f : findings) {
			events.publishEvent(new InspectionFindingReleased(v.cityId(), v.planId(), v.kind(), inspectionId, at,
					v.unitId(), v.inspector(), v.checkedAt(), f));
		}
		return true;
	}

}
