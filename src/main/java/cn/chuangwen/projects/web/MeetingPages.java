package cn.chuangwen.projects.web;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.documents.TableBulletin;
import cn.chuangwen.files.Downloads;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.projects.Agenda;
import cn.chuangwen.projects.DecisionDraft;
import cn.chuangwen.projects.MeetingView;
import cn.chuangwen.projects.MeetingCalendar;
import cn.chuangwen.projects.Meetings;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.PageRequest;

/**
 * Joint meeting pages: the list with the office's form to call a meeting; one meeting with its
 * units and sign-in, the agenda (drafted from data, edited and saved by the office) and the
 * decisions with the state of what each became, and the office's form to record one.
 */
@Controller
@PreAuthorize("hasAnyAuthority('project:read', 'project:manage')")
class MeetingPages {

	private final Meetings meetings;

	private final Units units;

	private final IndicatorSystems indicators;

	private final Problems problems;

	private final MessageSource messages;

	private final MeetingCalendar calendar;

	MeetingPages(Meetings meetings, MeetingCalendar calendar, Units units, IndicatorSystems indicators, Problems problems,
			MessageSource messages) {
		this.meetings = meetings;
		this.calendar = calendar;
		this.units = units;
		this.indicators = indicators;
		this.problems = problems;
		this.messages = messages;
	}

	@GetMapping("/meetings")
	String list(@AuthenticationPrincipal CurrentUser user, Model model) {
		return list(user, Map.of(), List.of(), FormErrors.none(), model);
	}

	@PostMapping("/meetings")
	@PreAuthorize("hasAuthority('project:manage')")
	String create(@AuthenticationPrincipal CurrentUser user, @RequestParam MultiValueMap<String, String> form, Model model,
			Locale locale, HttpServletResponse response) {
		List<Long> unitIds = new ArrayList<>();
		List<FieldProblem> bad = new ArrayList<>();
		for (String u : form.getOrDefault("unitIds", List.of())) {
			try {
				unitIds.add(Long.valueOf(u));
			}
			catch (NumberFormatException ex) {
				bad.add(FieldProblem.of("unitIds", "meeting.error.units", Meetings.MAX_UNITS));
			}
		}
		LocalDate heldOn = date(form.getFirst("heldOn"), "heldOn", "meeting.error.heldOn", bad);
		try {
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			MeetingView m = meetings.create(user, form.getFirst("title"), heldOn, form.getFirst("place"), unitIds);
			return "redirect:/meetings/" + m.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return list(user, form.toSingleValueMap(), unitIds, FormErrors.of(ex.problems(), messages, locale), model);
		}
	}

	@GetMapping("/meetings/{id}")
	String meeting(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model, Locale locale) {
		return meeting(user, id, null, Map.of(), FormErrors.none(), FormErrors.none(), model, locale);
	}

	@PostMapping("/meetings/{id}/agenda")
	@PreAuthorize("hasAuthority('project:manage')")
	String saveAgenda(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String agenda,
			Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			meetings.saveAgenda(user, id, agenda);
			redirect.addFlashAttribute("notice", "meeting.agenda.saved");
			return "redirect:/meetings/" + id;
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return meeting(user, id, agenda, Map.of(), FormErrors.of(ex.problems(), messages, locale), FormErrors.none(),
					model, locale);
		}
	}

	/** Issues the minutes (会议纪要) with their number; a refusal (not held yet, issued already) shows on the page with 409. */
	@PostMapping("/meetings/{id}/minutes")
	@PreAuthorize("hasAuthority('project:manage')")
	String issueMinutes(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model, Locale locale,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			meetings.issueMinutes(user, id);
			redirect.addFlashAttribute("notice", "meeting.minutes.issued");
			return "redirect:/meetings/" + id;
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("refusal", messages.getMessage(ex.messageKey(), ex.args(), locale));
			return meeting(user, id, null, Map.of(), FormErrors.none(), FormErrors.none(), model, locale);
		}
	}

	/** The minutes as PDF for whoever reads the meeting; 404 before they are issued. */
	@GetMapping("/meetings/{id}/minutes.pdf")
	ResponseEntity<byte[]> minutesPdf(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		TableBulletin minutes = meetings.minutes(user, id).orElseThrow(() -> new NotFoundException("meeting_minutes", id));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		meetings.writeMinutes(minutes, out);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("inline", meetings.minutesFileName(minutes)))
			.body(out.toByteArray());
	}

	@PostMapping("/meetings/{id}/sign-in")
	String signIn(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String unitId,
			Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		long unit;
		try {
			unit = Long.parseLong(unitId == null ? "" : unitId.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(FieldProblem.of("unitId", "meeting.error.unit"));
		}
		try {
			meetings.signIn(user, id, unit);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("refusal", messages.getMessage(ex.messageKey(), ex.args(), locale));
			return meeting(user, id, null, Map.of(), FormErrors.none(), FormErrors.none(), model, locale);
		}
		redirect.addFlashAttribute("notice", "meeting.signedIn");
		return "redirect:/meetings/" + id;
	}

	@PostMapping("/meetings/{id}/decisions")
	@PreAuthorize("hasAuthority('project:manage')")
	String decide(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam Map<String, String> form,
			Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		List<FieldProblem> bad = new ArrayList<>();
		Long unitId = number(form.get("unitId"), "unitId", "meeting.error.unit", bad);
		Long indicatorId = number(form.get("indicatorId"), "indicatorId", "meeting.error.indicator", bad);
		LocalDate deadline = date(form.get("deadline"), "deadline", "meeting.error.deadline", bad);
		try {
			meetings.decide(user, id, new DecisionDraft(form.get("text"), form.get("kind"), unitId, deadline,
					"ASSIGNMENT".equals(form.get("kind")) ? indicatorId : null, form.get("category")), bad);
			redirect.addFlashAttribute("notice", "meeting.decision.saved");
			return "redirect:/meetings/" + id + "#decisions";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return meeting(user, id, null, form, FormErrors.none(), FormErrors.of(ex.problems(), messages, locale), model,
					locale);
		}
	}

	/** The office sets the city's meeting rhythm (none, monthly, bimonthly), its day and default units. */
	@PostMapping("/meetings/calendar")
	@PreAuthorize("hasAuthority('project:manage')")
	String calendar(@AuthenticationPrincipal CurrentUser user, @RequestParam MultiValueMap<String, String> form,
			Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		List<Long> unitIds = new ArrayList<>();
		try {
			for (String u : form.getOrDefault("rhythmUnitIds", List.of())) {
				try {
					unitIds.add(Long.valueOf(u));
				}
				catch (NumberFormatException ex) {
					throw new InvalidInputException(FieldProblem.of("unitIds", "meeting.error.units", Meetings.MAX_UNITS));
				}
			}
			calendar.set(user, form.getFirst("rhythm"), form.getFirst("day"), form.getFirst("firstMonth"), unitIds);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("calendarErrors", FormErrors.of(ex.problems(), messages, locale));
			model.addAttribute("calendarForm", form.toSingleValueMap());
			model.addAttribute("calendarUnits", unitIds);
			return list(user, Map.of(), List.of(), FormErrors.none(), model);
		}
		redirect.addFlashAttribute("notice", "meeting.rhythm.saved");
		return "redirect:/meetings#calendar";
	}

	private String list(CurrentUser user, Map<String, String> form, List<Long> chosen, FormErrors errors, Model model) {
		boolean office = office(user);
		var setting = calendar.setting(user);
		model.addAttribute("setting", setting.orElse(null));
		model.addAttribute("next", calendar.next(user, 3));
		if (!model.containsAttribute("calendarErrors")) {
			model.addAttribute("calendarErrors", FormErrors.none());
			model.addAttribute("calendarForm", setting.map(x -> Map.of("rhythm", x.rhythm().name(),
					"day", String.valueOf(x.dayOfMonth()), "firstMonth", x.firstMonth().toString())).orElse(Map.of()));
			model.addAttribute("calendarUnits", setting.map(MeetingCalendar.Setting::unitIds).orElse(List.of()));
		}
		model.addAttribute("rhythms", MeetingCalendar.Rhythm.values());
		model.addAttribute("meetings", meetings.list(user));
		model.addAttribute("office", office);
		model.addAttribute("form", form);
		model.addAttribute("chosen", chosen);
		model.addAttribute("errors", errors);
		model.addAttribute("units", office ? unitChoices(user) : List.of());
		return "meetings/list";
	}

	private String meeting(CurrentUser user, long id, String agendaText, Map<String, String> decisionForm,
			FormErrors agendaErrors, FormErrors decisionErrors, Model model, Locale locale) {
		MeetingView m = meetings.get(user, id);
		boolean office = office(user);
		model.addAttribute("m", m);
		model.addAttribute("today", meetings.today());
		model.addAttribute("office", office);
		model.addAttribute("mine", user.unitId());
		model.addAttribute("agendaErrors", agendaErrors);
		model.addAttribute("errors", decisionErrors);
		model.addAttribute("form", decisionForm);
		if (office) {
			// drafting reads the whole city's work: only while there is no agenda typed or saved to show
			model.addAttribute("agendaText", agendaText != null ? agendaText
					: m.agenda() != null ? m.agenda() : text(meetings.agendaDraft(user, id), locale));
			model.addAttribute("units", unitChoices(user));
			model.addAttribute("leaves", indicators.current(user.scope(), null)
				.filter(s -> s.cityId() == user.cityId())
				.map(s -> indicators.leaves(user.scope(), s.id()))
				.orElse(List.<IndicatorView>of()));
			model.addAttribute("categories", problems.categoryChoices(user.cityId()));
		}
		return "meetings/meeting";
	}

	/** The drafted agenda as text the office edits: one numbered part per heading, a line per item. */
	String text(Agenda a, Locale locale) {
		StringBuilder out = new StringBuilder();
		int part = 0;
		if (a.previous() != null && !a.previous().decisions().isEmpty()) {
			out.append(++part).append(". ").append(msg("meeting.agenda.previous", locale, a.previous().title())).append('\n');
			for (MeetingView.Decision d : a.previous().decisions()) {
				out.append("   - ").append(d.unitName()).append("：").append(d.text()).append("（")
					.append(msg(d.stateKey(), locale)).append(d.overdue() ? "，" + msg("meeting.overdue", locale) : "")
					.append("）\n");
			}
		}
		part = counts(out, part, "meeting.agenda.overdueAssignments", a.overdueAssignments(), locale);
		part = counts(out, part, "meeting.agenda.overdueProblems", a.overdueProblems(), locale);
		if (!a.bottomUnits().isEmpty()) {
			out.append(++part).append(". ").append(msg("meeting.agenda.bottom", locale, a.evaluationPeriod())).append('\n');
			for (Agenda.Bottom b : a.bottomUnits()) {
				out.append("   - ").append(b.group()).append(" ").append(b.unitName()).append("（")
					.append(msg("meeting.agenda.rank", locale, b.rank(), b.total())).append("）\n");
			}
		}
		if (!a.instructions().isEmpty()) {
			out.append(++part).append(". ").append(msg("meeting.agenda.instructions", locale)).append('\n');
			for (Agenda.Instruction i : a.instructions()) {
				out.append("   - ").append(msg("meeting.agenda.instruction", locale, i.code(), i.title(), i.leaderName(), i.text()))
					.append('\n');
			}
		}
		counts(out, part, "meeting.agenda.projects", a.projectsBehind(), locale);
		return out.toString();
	}

	private int counts(StringBuilder out, int part, String key, List<Agenda.Count> counts, Locale locale) {
		if (counts.isEmpty()) {
			return part;
		}
		out.append(part + 1).append(". ").append(msg(key, locale)).append('\n');
		for (Agenda.Count c : counts) {
			out.append("   - ").append(c.name()).append("：").append(c.count()).append('\n');
		}
		return part + 1;
	}

	private String msg(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	private List<UnitView> unitChoices(CurrentUser user) {
		return units.choices(user.scope(), ProjectPages.UNIT_KINDS, true, null, null,
				new PageRequest(1, PageRequest.MAX_SIZE)).items();
	}

	private static boolean office(CurrentUser user) {
		return user.can(Permissions.PROJECT_MANAGE) && user.cityId() != null;
	}

	private static LocalDate date(String text, String field, String key, List<FieldProblem> bad) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			bad.add(FieldProblem.of(field, key, Meetings.MAX_DEADLINE_YEARS));
			return null;
		}
	}

	private static Long number(String text, String field, String key, List<FieldProblem> bad) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			bad.add(FieldProblem.of(field, key));
			return null;
		}
	}

}
