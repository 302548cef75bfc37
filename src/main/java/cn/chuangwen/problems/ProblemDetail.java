package cn.chuangwen.problems;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import cn.chuangwen.audit.AuditEventView;

/**
 * One problem with everything its page shows: photos before and after, each rectification with
 * its verdict and warnings, leaders' instructions, the trace, and what the viewer may do now.
 */
public record ProblemDetail(ProblemView problem, String description, List<UnitRef> cooperatingUnits, People people,
		List<Photo> photos, List<Rectification> rectifications, List<Instruction> instructions,
		List<AuditEventView> history, Set<ProblemState.Action> actions, boolean mayInstruct, boolean mayAddPhotos) {

	/** Who found it and who verifies, the unit's dispute, where it came from, what it recurs. */
	public record People(String foundBy, String verifier, String disputeReason, ProblemDraft.Origin origin,
			String recurrenceCode) {
	}

	public String foundBy() {
		return people.foundBy();
	}

	public String verifier() {
		return people.verifier();
	}

	public String disputeReason() {
		return people.disputeReason();
	}

	public String originType() {
		return people.origin().type();
	}

	public Long originId() {
		return people.origin().id();
	}

	public String recurrenceCode() {
		return people.recurrenceCode();
	}

	public record UnitRef(long id, String name) {
	}

	/** A photo; {@code rectificationId} null for a "before" photo. */
	public record Photo(long id, long fileId, Long rectificationId, String stage, String name, boolean thumbnail,
			Instant capturedAt, BigDecimal lat, BigDecimal lng) {
	}

	public record Rectification(long id, long unitId, String unitName, String text, String submittedBy,
			Instant submittedAt, String decision, String decidedBy, Instant decidedAt, String reason,
			List<Photo> photos, List<PhotoWarning> warnings) {
	}

	public record Instruction(long id, String leaderName, String text, Instant createdAt) {
	}

	public List<Photo> beforePhotos() {
		return photos.stream().filter(p -> p.rectificationId() == null).toList();
	}

	public boolean may(ProblemState.Action action) {
		return actions.contains(action);
	}

}
