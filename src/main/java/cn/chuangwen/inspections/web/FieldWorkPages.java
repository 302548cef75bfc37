package cn.chuangwen.inspections.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.files.Upload;
import cn.chuangwen.files.Uploads;
import cn.chuangwen.inspections.ChecklistItemView;
import cn.chuangwen.inspections.FieldForm;
import cn.chuangwen.inspections.FieldWork;
import cn.chuangwen.inspections.InspectionSubmission;
import cn.chuangwen.inspections.Inspections;
import cn.chuangwen.inspections.ItemAnswer;
import cn.chuangwen.inspections.ItemOutcome;
import cn.chuangwen.inspections.PointScore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;

/**
 * The inspector's pages in the street (issue 9 §3), phone first: today's points and the inspection
 * form of one point, and what makes them an installable app that works offline: the web app
 * manifest and the service worker, served under {@code /inspections/field/} with the scope
 * {@code /inspections/field} (the today list has no trailing slash), so it covers these pages and
 * nothing else.
 */
@Controller
@PreAuthorize("hasAuthority('inspection:submit')")
class FieldWorkPages {

	static final String ROOT = "/inspections/field";

	/** The service worker's source: on the class path, not under static/, so no other path serves it. */
	private static final String WORKER = "field/sw.js";

	private final FieldWork work;

	private final Inspections inspections;

	private final MessageSource messages;

	private final Clock clock;

	FieldWorkPages(FieldWork work, Inspections inspections, MessageSource messages, Clock clock) {
		this.work = work;
		this.inspections = inspections;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping(ROOT)
	String today(@AuthenticationPrincipal CurrentUser user, Model model) {
		model.addAttribute("today", work.today(user));
		model.addAttribute("maxToday", FieldWork.MAX_TODAY);
		model.addAttribute("manifest", ROOT + "/manifest.webmanifest");
		return "inspections/field-today";
	}

	@GetMapping(ROOT + "/plans/{planId}/points/{pointId}")
	String form(@AuthenticationPrincipal CurrentUser user, @PathVariable long planId, @PathVariable long pointId,
			Model model) {
		return form(work.form(user, planId, pointId), UUID.randomUUID().toString(), Map.of(), FormErrors.none(), model);
	}

	private String form(FieldForm form, String clientId, Map<String, String> values, FormErrors errors, Model model) {
		Map<String, List<ChecklistItemView>> byCategory = new LinkedHashMap<>();
		for (ChecklistItemView item : form.items()) {
			byCategory.computeIfAbsent(item.category(), c -> new ArrayList<>()).add(item);
		}
		model.addAttribute("form", form);
		model.addAttribute("point", form.point());
		model.addAttribute("categories", byCategory);
		model.addAttribute("maxCount", PointScore.MAX_COUNT);
		// the id of this submission when the page is sent without JavaScript; the phone makes its own
		model.addAttribute("clientId", clientId);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("manifest", ROOT + "/manifest.webmanifest");
		return "inspections/field-form";
	}

	/**
	 * The form sent without JavaScript (no offline copy, no device position): the same facade as
	 * the phone's outbox, with the form's own client id, so pressing the button twice stores one
	 * inspection. Checked when the server receives it. Bad input shows the form again with what
	 * was chosen and each error beside its item; the photos follow the stored inspection.
	 */
	@PostMapping(path = ROOT + "/plans/{planId}/points/{pointId}")
	String submit(@AuthenticationPrincipal CurrentUser user, @PathVariable long planId, @PathVariable long pointId,
			HttpServletRequest request, @RequestParam(required = false) MultiValueMap<String, MultipartFile> files,
			Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		FieldForm form = work.form(user, planId, pointId);
		Map<String, String> values = new LinkedHashMap<>();
		List<ItemAnswer> answers = new ArrayList<>();
		List<FieldProblem> bad = new ArrayList<>();
		for (ChecklistItemView item : form.items()) {
			String outcome = param(request, "outcome-" + item.id(), values);
			String count = param(request, "count-" + item.id(), values);
			String note = param(request, "note-" + item.id(), values);
			ItemOutcome chosen = null;
			try {
				chosen = outcome == null ? null : ItemOutcome.valueOf(outcome);
			}
			catch (IllegalArgumentException ex) {
				bad.add(FieldProblem.of("item-" + item.id(), "inspection.error.outcome"));
			}
			Integer n = null;
			if (chosen == ItemOutcome.DEDUCT) {
				try {
					n = count == null ? null : Integer.valueOf(count);
				}
				catch (NumberFormatException ex) {
					bad.add(FieldProblem.of("item-" + item.id(), "field.error.count", PointScore.MAX_COUNT));
				}
			}
			answers.add(new ItemAnswer(item.id(), chosen, n, note));
		}
		String clientId = request.getParameter("clientId");
		try {
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			long id = inspections.submit(user, new InspectionSubmission(clientId, planId, pointId, null, null,
					clock.instant(), answers)).inspection().id();
			photos(user, id, files, answers, redirect, locale);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(form, clientId == null ? UUID.randomUUID().toString() : clientId, values,
					FormErrors.of(byItem(ex.problems(), answers), messages, locale), model);
		}
		redirect.addFlashAttribute("notice", "field.form.uploaded");
		return "redirect:" + ROOT;
	}

	/** The photos of each deducted item, after the inspection is stored; a refused one is told on the list. */
	private void photos(CurrentUser user, long id, MultiValueMap<String, MultipartFile> files, List<ItemAnswer> answers,
			RedirectAttributes redirect, Locale locale) throws IOException {
		if (files == null) {
			return;
		}
		List<String> refused = new ArrayList<>();
		for (ItemAnswer answer : answers) {
			if (answer.outcome() != ItemOutcome.DEDUCT) {
				continue;
			}
			List<Upload> uploads = Uploads.of(files.get("photos-" + answer.itemId()));
			if (uploads.isEmpty()) {
				continue;
			}
			try {
				inspections.addPhotos(user, id, answer.itemId(), uploads);
			}
			catch (InvalidInputException ex) {
				FormErrors.of(ex.problems(), messages, locale).items().forEach(e -> refused.add(e.message()));
			}
		}
		redirect.addFlashAttribute("photoErrors", refused);
	}

	/** The facade names an answer by its index ({@code results[2].count}); the page by its item. */
	private static List<FieldProblem> byItem(List<FieldProblem> problems, List<ItemAnswer> answers) {
		Pattern indexed = Pattern.compile("results\\[(\\d+)\\].*");
		return problems.stream().map(p -> {
			Matcher m = p.field() == null ? null : indexed.matcher(p.field());
			if (m == null || !m.matches() || Integer.parseInt(m.group(1)) >= answers.size()) {
				return p;
			}
			return new FieldProblem("item-" + answers.get(Integer.parseInt(m.group(1))).itemId(), p.row(),
					p.messageKey(), p.args());
		}).toList();
	}

	private static String param(HttpServletRequest request, String name, Map<String, String> values) {
		String value = request.getParameter(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		values.put(name, value);
		return value.strip();
	}

	/**
	 * The service worker. Never cached by the browser's HTTP cache, so a new version is picked up at
	 * the next visit; its scope is the directory it is served from.
	 */
	@GetMapping(value = ROOT + "/sw.js")
	ResponseEntity<String> worker(HttpServletRequest request) throws IOException {
		String source;
		try (InputStream in = new ClassPathResource(WORKER).getInputStream()) {
			source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "javascript", StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			// the scope is ROOT itself, one step above the script's own directory
			.header("Service-Worker-Allowed", request.getContextPath() + ROOT)
			.body(source);
	}

	/** The web app manifest: the today list is the app's start page, the field pages its scope. */
	@GetMapping(value = ROOT + "/manifest.webmanifest")
	ResponseEntity<Map<String, Object>> manifest(HttpServletRequest request, Locale locale) {
		String base = request.getContextPath();
		Map<String, Object> manifest = new LinkedHashMap<>();
		manifest.put("name", messages.getMessage("field.app.name", null, locale));
		manifest.put("short_name", messages.getMessage("field.app.shortName", null, locale));
		manifest.put("lang", locale.toLanguageTag());
		manifest.put("start_url", base + ROOT);
		manifest.put("scope", base + ROOT);
		manifest.put("display", "standalone");
		manifest.put("background_color", "#ffffff");
		manifest.put("theme_color", "#b4232a");
		manifest.put("icons", List.of(Map.of("src", base + "/images/field-icon.svg", "sizes", "any", "type",
				"image/svg+xml", "purpose", "any")));
		return ResponseEntity.ok()
			.contentType(MediaType.valueOf("application/manifest+json"))
			.cacheControl(CacheControl.noCache())
			.body(manifest);
	}

	/**
	 * The session's CSRF header and token, read by the phone before it sends its outbox: a page
	 * served from the offline cache may carry the token of an earlier session. Never cached.
	 */
	@GetMapping(value = ROOT + "/token", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, String>> token(CsrfToken csrf) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(Map.of("header", csrf.getHeaderName(), "token", csrf.getToken()));
	}

}
