package cn.chuangwen.projects.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.projects.Agenda;
import cn.chuangwen.projects.DecisionDraft;
import cn.chuangwen.projects.MeetingView;
import cn.chuangwen.projects.MeetingCalendar;
import cn.chuangwen.projects.Meetings;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * Joint meetings as JSON (issue 12 §6): readers list and open the meetings they may see; the office
 * calls a meeting, reads the agenda drafted from data, saves the agenda it settled and records
 * decisions, each answered with the id of the assignment or problem it became; a unit signs in.
 */
@RestController
@RequestMapping("/api/v1/meetings")
@PreAuthorize("hasAnyAuthority('project:read', 'project:manage')")
class MeetingsApi {

	private final Meetings meetings;

	private final MeetingCalendar calendar;

	MeetingsApi(Meetings meetings, MeetingCalendar calendar) {
		this.meetings = meetings;
		this.calendar = calendar;
	}

	record CalendarBody(String rhythm, String day, String firstMonth, List<Long> unitIds) {
	}

	record CalendarJson(String rhythm, Integer dayOfMonth, String firstMonth, List<Long> unitIds,
			List<MeetingCalendar.Next> next) {
	}

	/** The city's meeting rhythm and its next three meetings (a rhythm of NONE when none is set). */
	@GetMapping("/calendar")
	CalendarJson calendar(@AuthenticationPrincipal CurrentUser user) {
		var s = calendar.setting(user);
		return new CalendarJson(s.map(x -> x.rhythm().name()).orElse(MeetingCalendar.Rhythm.NONE.name()),
				s.map(MeetingCalendar.Setting::dayOfMonth).orElse(null), s.map(x -> x.firstMonth().toString()).orElse(null),
				s.map(MeetingCalendar.Setting::unitIds).orElse(List.of()), calendar.next(user, 3));
	}

	/** The office sets the rhythm: {@code {rhythm: NONE|MONTHLY|BIMONTHLY, day: 1-28, firstMonth: yyyy-MM, unitIds}}. */
	@PutMapping("/calendar")
	@PreAuthorize("hasAuthority('project:manage')")
	CalendarJson setCalendar(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) CalendarBody body) {
		CalendarBody b = body == null ? new CalendarBody(null, null, null, null) : body;
		calendar.set(user, b.rhythm(), b.day(), b.firstMonth(), b.unitIds());
		return calendar(user);
	}

	record MeetingBody(String title, LocalDate heldOn, String place, List<Long> unitIds) {
	}

	record AgendaBody(String agenda) {
	}

	record SignInBody(Long unitId) {
	}

	@GetMapping
	List<MeetingView> list(@AuthenticationPrincipal CurrentUser user) {
		return meetings.list(user);
	}

	@PostMapping
	@PreAuthorize("hasAuthority('project:manage')")
	ResponseEntity<MeetingView> create(@AuthenticationPrincipal CurrentUser user, @RequestBody MeetingBody body) {
		MeetingView m = meetings.create(user, body.title(), body.heldOn(), body.place(), body.unitIds());
		return ResponseEntity.created(URI.create("/api/v1/meetings/" + m.id())).body(m);
	}

	@GetMapping("/{id}")
	MeetingView get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return meetings.get(user, id);
	}

	@GetMapping("/{id}/agenda-draft")
	@PreAuthorize("hasAuthority('project:manage')")
	Agenda agendaDraft(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return meetings.agendaDraft(user, id);
	}

	@PutMapping("/{id}/agenda")
	@PreAuthorize("hasAuthority('project:manage')")
	MeetingView saveAgenda(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody AgendaBody body) {
		return meetings.saveAgenda(user, id, body.agenda());
	}

	/** Issues the minutes (会议纪要) with their number: 409 before the meeting's day or a second time. */
	@PostMapping("/{id}/minutes")
	@PreAuthorize("hasAuthority('project:manage')")
	MeetingView issueMinutes(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return meetings.issueMinutes(user, id);
	}

	@PostMapping("/{id}/sign-in")
	MeetingView signIn(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody SignInBody body) {
		if (body.unitId() == null) {
			throw new InvalidInputException(FieldProblem.of("unitId", "meeting.error.unit"));
		}
		return meetings.signIn(user, id, body.unitId());
	}

	@PostMapping("/{id}/decisions")
	@PreAuthorize("hasAuthority('project:manage')")
	ResponseEntity<Meetings.Decided> decide(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody DecisionDraft body) {
		Meetings.Decided d = meetings.decide(user, id, body);
		return ResponseEntity.created(URI.create("/api/v1/meetings/" + id)).body(d);
	}

}
