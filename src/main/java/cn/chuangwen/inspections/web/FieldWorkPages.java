package cn.chuangwen.inspections.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

import cn.chuangwen.inspections.ChecklistItemView;
import cn.chuangwen.inspections.FieldForm;
import cn.chuangwen.inspections.FieldWork;
import cn.chuangwen.organization.CurrentUser;

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

	private final MessageSource messages;

	FieldWorkPages(FieldWork work, MessageSource messages) {
		this.work = work;
		this.messages = messages;
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
		FieldForm form = work.form(user, planId, pointId);
		Map<String, List<ChecklistItemView>> byCategory = new LinkedHashMap<>();
		for (ChecklistItemView item : form.items()) {
			byCategory.computeIfAbsent(item.category(), c -> new java.util.ArrayList<>()).add(item);
		}
		model.addAttribute("form", form);
		model.addAttribute("point", form.point());
		model.addAttribute("categories", byCategory);
		model.addAttribute("maxCount", cn.chuangwen.inspections.PointScore.MAX_COUNT);
		// the id of this submission when the page is sent without JavaScript; the phone makes its own
		model.addAttribute("clientId", UUID.randomUUID().toString());
		model.addAttribute("manifest", ROOT + "/manifest.webmanifest");
		return "inspections/field-form";
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
