package cn.chuangwen.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One event for the trace (痕迹): what happened to which object, in which city, why, and which
 * fields changed. Built fluently, then handed to {@link AuditTrail#record(AuditEntry)}.
 * Never put a password, a TOTP secret or a token into a change: the trace is read by people.
 */
public final class AuditEntry {

	public enum Outcome {
		SUCCESS, FAILURE
	}

	/** A changed field, before and after, as display strings. */
	public record FieldChange(String field, String before, String after) {
	}

	private final String action;

	private Outcome outcome = Outcome.SUCCESS;

	private Long cityId;

	private String objectType;

	private String objectId;

	private String reason;

	private final List<FieldChange> changes = new ArrayList<>();

	private String actorUsername;

	private Long actorUnitId;

	private boolean actorGiven;

	private AuditEntry(String action) {
		this.action = Objects.requireNonNull(action);
	}

	/** An event such as {@code UNIT_CREATE}, {@code LOGIN_FAILURE}, {@code ROLE_CHANGE}. */
	public static AuditEntry of(String action) {
		return new AuditEntry(action);
	}

	public AuditEntry failed() {
		this.outcome = Outcome.FAILURE;
		return this;
	}

	/** The city whose chain holds the event; null for installation-level events. */
	public AuditEntry city(Long cityId) {
		this.cityId = cityId;
		return this;
	}

	public AuditEntry object(String type, Object id) {
		this.objectType = type;
		this.objectId = id == null ? null : String.valueOf(id);
		return this;
	}

	public AuditEntry reason(String reason) {
		this.reason = reason;
		return this;
	}

	/** Records a field change; unchanged values are skipped. */
	public AuditEntry change(String field, Object before, Object after) {
		String b = before == null ? null : String.valueOf(before);
		String a = after == null ? null : String.valueOf(after);
		if (!Objects.equals(b, a)) {
			this.changes.add(new FieldChange(field, b, a));
		}
		return this;
	}

	/** Names the actor explicitly, for events without a signed-in user (login failures). */
	public AuditEntry actor(String username, Long unitId) {
		this.actorUsername = username;
		this.actorUnitId = unitId;
		this.actorGiven = true;
		return this;
	}

	public String action() {
		return action;
	}

	public Outcome outcome() {
		return outcome;
	}

	public Long cityId() {
		return cityId;
	}

	public String objectType() {
		return objectType;
	}

	public String objectId() {
		return objectId;
	}

	public String reason() {
		return reason;
	}

	public List<FieldChange> changes() {
		return List.copyOf(changes);
	}

	public boolean hasChanges() {
		return !changes.isEmpty();
	}

	public String actorUsername() {
		return actorUsername;
	}

	public Long actorUnitId() {
		return actorUnitId;
	}

	public boolean actorGiven() {
		return actorGiven;
	}

}
