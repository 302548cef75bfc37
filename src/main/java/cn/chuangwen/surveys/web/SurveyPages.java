package cn.chuangwen.surveys.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

import cn.chuangwen.files.Downloads;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.surveys.QuestionKind;
import cn.chuangwen.surveys.SurveyDraft;
import cn.chuangwen.surveys.SurveyResults;
import cn.chuangwen.surveys.SurveyRules;
import cn.chuangwen.surveys.SurveyView;
import cn.chuangwen.surveys.Surveys;

/**
 * The office's survey pages: the list (with the city's minimum sample), the questionnaire builder,
 * one survey with its links, QR posters and results (per unit, per question, charts with their
 * tables), and closing a round. Leaders and the province read; a unit liaison reads its own units.
 */
@Controller
class SurveyPages {

	static final int PAGE_SIZE = 20;

	private final Surveys surveys;

	private final PublicLinks links;

	private final MessageSource messages;

	private final JsonMapper json;

	SurveyPages(Surveys surveys, PublicLinks links, MessageSource messages, JsonMapper json) {
		this.surveys = surveys;
		this.links = links;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/surveys")
	@PreAuthorize("hasAnyAuthority('survey:read', 'survey:manage')")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
		return list(user, page, null, FormErrors.none(), model);
	}

	private String list(CurrentUser user, Integer page, String minResponses, FormErrors errors, Model model) {
		Page<SurveyView> result = surveys.page(user, PageRequest.lenient(page, PAGE_SIZE));
		boolean office = user.can(Permissions.SURVEY_MANAGE);
		model.addAttribute("result", result);
		model.addAttribute("surveys", result.items());
		model.addAttribute("office", office);
		model.addAttribute("province", user.scope().allCities());
		if (office) {
			model.addAttribute("minResponses",
					minResponses != null ? minResponses : String.valueOf(surveys.minResponses(user.cityId())));
		}
		model.addAttribute("errors", errors);
		return "surveys/list";
	}

	@PostMapping("/surveys/settings")
	@PreAuthorize("hasAuthority('survey:manage')")
	String settings(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String minResponses,
			Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			surveys.setMinResponses(user, minResponses);
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return list(user, null, minResponses, FormErrors.of(ex.problems(), messages, locale), model);
		}
		redirect.addFlashAttribute("notice", "survey.done.settings");
		return "redirect:/surveys";
	}

	@GetMapping("/surveys/new")
	@PreAuthorize("hasAuthority('survey:manage')")
	String form(@AuthenticationPrincipal CurrentUser user, Model model) {
		return form(user, BuilderForm.starter(surveys.currentQuarter()), FormErrors.none(), model);
	}

	private String form(CurrentUser user, BuilderForm form, FormErrors errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("kinds", QuestionKind.values());
		model.addAttribute("units", surveys.windowUnits(user));
		model.addAttribute("errors", errors);
		model.addAttribute("maxQuestions", SurveyRules.MAX_QUESTIONS);
		return "surveys/form";
	}

	@PostMapping("/surveys")
	@PreAuthorize("hasAuthority('survey:manage')")
	String create(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String action,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		BuilderForm form = BuilderForm.read(request.getParameterMap());
		if (!form.apply(action)) {
			return form(user, form, FormErrors.none(), model);
		}
		List<FieldProblem> wrong = new ArrayList<>();
		SurveyDraft draft = form.draft(wrong);
		try {
			if (!wrong.isEmpty()) {
				// a score that is not a number: name it with whatever else is wrong, and save nothing
				try {
					SurveyRules.check(draft);
				}
				catch (InvalidInputException ex) {
					wrong.addAll(ex.problems());
				}
				throw new InvalidInputException(wrong);
			}
			SurveyView s = surveys.create(user, draft);
			redirect.addFlashAttribute("notice", "survey.done.created");
			return "redirect:/surveys/" + s.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return form(user, form, FormErrors.of(ex.problems(), messages, locale), model);
		}
	}

	/** A chart's data for js/survey-charts.js: labels, values, the series name and the value axis' maximum. */
	record Chart(String name, List<String> labels, List<Object> values, Integer max) {
	}

	@GetMapping("/surveys/{id}")
	@PreAuthorize("hasAnyAuthority('survey:read', 'survey:manage')")
	String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) Long unit, Model model, Locale locale) {
		SurveyResults results = surveys.results(user, id, unit);
		SurveyView s = results.survey();
		model.addAttribute("s", s);
		model.addAttribute("results", results);
		model.addAttribute("office", user.can(Permissions.SURVEY_MANAGE));
		model.addAttribute("base", links.base());
		model.addAttribute("unit", unit);
		Map<Long, String> paths = new LinkedHashMap<>();
		s.links().forEach(l -> paths.put(l.unitId(), l.path()));
		model.addAttribute("linkPaths", paths);
		model.addAttribute("unitName", unit == null ? null
				: s.links().stream().filter(l -> l.unitId() == unit).map(SurveyView.Link::unitName).findFirst().orElse(""));
		List<String> names = new ArrayList<>();
		List<Object> scores = new ArrayList<>();
		for (SurveyResults.UnitResult u : results.units()) {
			if (u.score() != null) {
				names.add(u.unitName());
				scores.add(u.score());
			}
		}
		model.addAttribute("unitChart",
				json.writeValueAsString(new Chart(messages.getMessage("survey.results.score", null, locale), names, scores, 100)));
		Map<Long, String> charts = new LinkedHashMap<>();
		for (SurveyResults.QuestionResult q : results.questions()) {
			if (q.kind() != QuestionKind.TEXT) {
				charts.put(q.questionId(), json.writeValueAsString(new Chart(
						messages.getMessage("survey.results.count", null, locale),
						q.options().stream().map(o -> o.label(locale)).toList(),
						q.options().stream().map(o -> (Object) o.count()).toList(), null)));
			}
		}
		model.addAttribute("questionCharts", charts);
		return "surveys/survey";
	}

	@PostMapping("/surveys/{id}/close")
	@PreAuthorize("hasAuthority('survey:manage')")
	String close(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		surveys.close(user, id);
		redirect.addFlashAttribute("notice", "survey.done.closed");
		return "redirect:/surveys/" + id;
	}

	/** The results as .xlsx, exactly as the page shows them to this reader (one unit with {@code unit}). */
	@GetMapping("/surveys/{id}/results.xlsx")
	@PreAuthorize("hasAnyAuthority('survey:read', 'survey:manage')")
	void export(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) Long unit, HttpServletResponse response) throws IOException {
		SurveyView s = surveys.get(user, id);
		var buffer = new java.io.ByteArrayOutputStream();
		surveys.exportResults(user, id, unit, buffer);
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition", Downloads.contentDisposition("attachment", messages.getMessage(
				"survey.export.fileName", new Object[] { s.round(), s.id() }, Locale.SIMPLIFIED_CHINESE)));
		response.setContentLength(buffer.size());
		buffer.writeTo(response.getOutputStream());
	}

	/** The QR posters: every unit's as one multi-page PDF, or one unit's ({@code unit}). */
	@GetMapping("/surveys/{id}/posters.pdf")
	@PreAuthorize("hasAuthority('survey:manage')")
	void posters(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) Long unit, HttpServletResponse response) throws IOException {
		SurveyView s = surveys.get(user, id);
		String base = links.base();
		// read everything first: a refusal (no such unit, no font) is an error page, not half a PDF
		var buffer = new java.io.ByteArrayOutputStream();
		surveys.posters(user, id, unit, base, buffer);
		response.setContentType("application/pdf");
		response.setHeader("Content-Disposition", Downloads.contentDisposition("attachment", messages.getMessage(
				"survey.poster.fileName", new Object[] { s.round(), s.id() }, Locale.SIMPLIFIED_CHINESE)));
		response.setContentLength(buffer.size());
		buffer.writeTo(response.getOutputStream());
	}

}
