package cn.chuangwen.projects;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A joint meeting (联席会议) or consultation (会商) as pages show it: when and where, the units asked
 * to attend with their sign-in, the agenda the office settled (null until saved), and the decisions
 * with the live state of the assignment or problem each became, and the number of its minutes
 * (会议纪要) once issued (null before).
 */
public record MeetingView(long id, long cityId, String title, LocalDate heldOn, String place, String agenda,
		List<Attendee> attendees, List<Decision> decisions, String minutesNumber, String createdBy, Instant createdAt,
		int version) {

	/** A unit asked to attend; {@code signedInAt} null until it signed in. */
	public record Attendee(long unitId, String unitName, Instant signedInAt, String signedInBy) {
	}

	/**
	 * A decision and what it became: {@code kind} ASSIGNMENT or PROBLEM, {@code linkedId} its id there,
	 * {@code state} that item's state as its module names it (message key and colour), {@code done}
	 * when it is signed off or closed, {@code overdue} when its deadline passed without that.
	 */
	public record Decision(long id, String text, String kind, long unitId, String unitName, LocalDate deadline,
			long linkedId, String stateKey, String stateColour, boolean done, boolean overdue) {
	}

}
