package cn.chuangwen.evaluation.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.documents.TableBulletin;
import cn.chuangwen.evaluation.EvaluationBulletins;
import cn.chuangwen.evaluation.EvaluationPeriods;
import cn.chuangwen.files.Downloads;
import cn.chuangwen.evaluation.ManualItems;
import cn.chuangwen.evaluation.PeriodCalendar;
import cn.chuangwen.evaluation.PeriodState;
import cn.chuangwen.evaluation.PeriodView;
import cn.chuangwen.evaluation.Rewards;
import cn.chuangwen.evaluation.ScoreSchemes;
import cn.chuangwen.evaluation.ScoreSource;
import cn.chuangwen.evaluation.Scores;
import cn.chuangwen.evaluation.SchemeDraft;
import cn.chuangwen.evaluation.SchemeView;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PeriodCode;

/**
 * The evaluation pages (issue 10 §1): the periods with closing and reopening, the schemes and the
 * scheme editor with its preview, a period's scores per ranking group (cards on a phone), and the
 * bonus and penalty items. The office changes; leaders and the province read; a unit sees only its
 * own line of a published period.
 */
@Controller
class EvaluationPages {

	/** Band rows the editor offers. */
	static final int BAND_ROWS = 5;

	private final EvaluationPeriods periods;

	private final EvaluationBulletins bulletins;

	private final ScoreSchemes schemes;

	private final Scores scores;

	private final ManualItems items;

	private final Cities cities;

	private final MessageSource messages;

	private final Rewards rewards;

	private final PeriodCalendar calendar;

	EvaluationPages(EvaluationPeriods periods, ScoreSchemes schemes, Scores scores, ManualItems items, Cities cities,
			MessageSource messages, Rewards rewards, EvaluationBulletins bulletins, PeriodCalendar calendar) {
		this.calendar = calendar;
		this.bulletins = bulletins;
		this.rewards = rewards;
		this.periods = periods;
		this.schemes = schemes;
		this.scores = scores;
		this.items = items;
		this.cities = cities;
		this.messages = messages;
	}

	// --- periods

	@GetMapping("/evaluation/periods")
	@PreAuthorize(EvaluationApi.READ)
	String periods(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String city, Model model, Locale locale) {
		String cityCode = city(user, city, model);
		if (cityCode == null && user.cityId() == null) {
			model.addAttribute("periods", List.of());
			return "evaluation/periods";
		}
		List<PeriodView> list = periods.list(user, cityCode, kind);
		model.addAttribute("periods", list);
		model.addAttribute("kind", kind == null ? "" : kind);
		model.addAttribute("kinds", list.stream().map(PeriodView::kind).distinct().sorted().toList());
		boolean canManage = user.can(Permissions.EVALUATION_MANAGE) && user.cityId() != null;
		model.addAttribute("canManage", canManage);
		Map<String, String> held = new HashMap<>();
		list.stream().filter(p -> p.held() != null).forEach(p -> held.put(p.code(),
				messages.getMessage(p.held().messageKey(), p.held().args().toArray(), locale)));
		model.addAttribute("held", held);
		if (canManage && !model.containsAttribute("calendar")) {
			model.addAttribute("calendar", calendar.calendar(user, null));
		}
		return "evaluation/periods";
	}

	/**
	 * Saves the calendar: per kind, the days after a period's end it closes itself ({@code days-KIND},
	 * empty: by hand). A value that is not a whole number 0–60 refuses the whole form with 400.
	 */
	@PostMapping("/evaluation/calendar")
	@PreAuthorize(EvaluationApi.MANAGE)
	String saveCalendar(@AuthenticationPrincipal CurrentUser user, @RequestParam Map<String, String> form, Model model,
			Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		List<PeriodCalendar.Entry> entries = new ArrayList<>();
		try {
			for (PeriodCode.Kind k : PeriodCode.Kind.values()) {
				String text = form.get("days-" + k.name());
				if (text == null) {
					continue;
				}
				text = text.strip();
				if (!text.isEmpty() && !text.matches("\\d{1,3}")) {
					throw new InvalidInputException(FieldProblem.of("closeAfterDays", "evaluation.error.closeAfterDays",
							PeriodCalendar.MAX_DAYS));
				}
				entries.add(new PeriodCalendar.Entry(k, text.isEmpty() ? null : Integer.valueOf(text)));
			}
			calendar.set(user, entries);
			redirect.addFlashAttribute("notice", messages.getMessage("evaluation.calendar.saved", null, locale));
			return "redirect:/evaluation/periods";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("refusal", FormErrors.of(ex.problems(), messages, locale).items().get(0).message());
			List<PeriodCalendar.Entry> shown = new ArrayList<>();
			for (PeriodCalendar.Entry e : calendar.calendar(user, null)) {
				String text = form.getOrDefault("days-" + e.kind().name(), "");
				shown.add(new PeriodCalendar.Entry(e.kind(), text.strip().matches("\\d{1,3}") ? Integer.valueOf(text.strip()) : null));
			}
			model.addAttribute("calendar", shown);
		}
		return periods(user, null, null, model, locale);
	}

	@PostMapping("/evaluation/periods/{code}/close")
	@PreAuthorize(EvaluationApi.MANAGE)
	String close(@AuthenticationPrincipal CurrentUser user, @PathVariable String code, Model model, Locale locale,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			PeriodView p = periods.close(user, code);
			redirect.addFlashAttribute("notice", messages.getMessage("evaluation.closed.done", new Object[] { p.code() }, locale));
			return "redirect:/evaluation/scores?period=" + p.code();
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("refusal", messages.getMessage(ex.messageKey(), ex.args(), locale));
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("refusal", FormErrors.of(ex.problems(), messages, locale).items().get(0).message());
		}
		return periods(user, null, null, model, locale);
	}

	@PostMapping("/evaluation/periods/{code}/publish")
	@PreAuthorize(EvaluationApi.MANAGE)
	String publish(@AuthenticationPrincipal CurrentUser user, @PathVariable String code, Model model, Locale locale,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			PeriodView p = periods.publish(user, code);
			redirect.addFlashAttribute("notice", messages.getMessage("evaluation.published.done",
					new Object[] { p.code(), "/public/evaluation/" + user.cityCode() + "/" + p.code() }, locale));
			return "redirect:/evaluation/periods";
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("refusal", messages.getMessage(ex.messageKey(), ex.args(), locale));
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("refusal", FormErrors.of(ex.problems(), messages, locale).items().get(0).message());
		}
		return periods(user, null, null, model, locale);
	}

	/** The published results of a period for anyone, no sign-in; with each group's red and black list (top and bottom 3). */
	@GetMapping("/public/evaluation/{cityCode}/{period}")
	String publicPage(@PathVariable String cityCode, @PathVariable String period, Model model) {
		Scores.Result r = scores.published(cityCode, period)
			.orElseThrow(() -> new cn.chuangwen.shared.NotFoundException("evaluation_period", period));
		Map<String, List<cn.chuangwen.evaluation.ScoreLine>> byGroup = Scores.byGroup(r.lines());
		Map<String, List<cn.chuangwen.evaluation.ScoreLine>> red = new LinkedHashMap<>();
		Map<String, List<cn.chuangwen.evaluation.ScoreLine>> black = new LinkedHashMap<>();
		byGroup.forEach((g, lines) -> {
			List<cn.chuangwen.evaluation.ScoreLine> ranked = lines.stream().filter(l -> l.rank() != null).toList();
			red.put(g, ranked.subList(0, Math.min(LIST_SIZE, ranked.size())));
			black.put(g, ranked.subList(Math.max(Math.min(LIST_SIZE, ranked.size()), ranked.size() - LIST_SIZE), ranked.size()));
		});
		model.addAttribute("result", r);
		model.addAttribute("cityName", cities.byCode(cityCode.trim()).map(c -> c.name()).orElse(cityCode));
		model.addAttribute("byGroup", byGroup);
		model.addAttribute("red", red);
		model.addAttribute("black", black);
		model.addAttribute("bulletinUrl", "/public/evaluation/" + cityCode.trim() + "/" + r.period().code() + "/bulletin.pdf");
		return "public/evaluation";
	}

	/** How many units a group's red list (红榜) and black list (黑榜) name. */
	static final int LIST_SIZE = EvaluationBulletins.LIST_SIZE;

	/** The numbered bulletin (通报) of a published period as PDF, for anyone; 404 before publication. */
	@GetMapping("/public/evaluation/{cityCode}/{period}/bulletin.pdf")
	org.springframework.http.ResponseEntity<byte[]> bulletin(@PathVariable String cityCode, @PathVariable String period) {
		TableBulletin b = bulletins.published(cityCode, period)
			.orElseThrow(() -> new cn.chuangwen.shared.NotFoundException("evaluation_period", period));
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		bulletins.write(b, out);
		return org.springframework.http.ResponseEntity.ok()
			.contentType(org.springframework.http.MediaType.APPLICATION_PDF)
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
					Downloads.contentDisposition("inline", bulletins.fileName(b)))
			.body(out.toByteArray());
	}

	@PostMapping("/evaluation/periods/{code}/reopen")
	@PreAuthorize(EvaluationApi.MANAGE)
	String reopen(@AuthenticationPrincipal CurrentUser user, @PathVariable String code,
			@RequestParam(required = false) String reason, Model model, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			PeriodView p = periods.reopen(user, code, reason);
			redirect.addFlashAttribute("notice", messages.getMessage("evaluation.reopened.done", new Object[] { p.code() }, locale));
			return "redirect:/evaluation/periods";
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("refusal", messages.getMessage(ex.messageKey(), ex.args(), locale));
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("reopenCode", code);
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
		}
		return periods(user, null, null, model, locale);
	}

	// --- scores

	@GetMapping("/evaluation/scores")
	@PreAuthorize(EvaluationApi.READ)
	String scores(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
			@RequestParam(required = false) String rankingGroup, @RequestParam(required = false) String city,
			Model model) {
		String cityCode = city(user, city, model);
		model.addAttribute("group", rankingGroup == null ? "" : rankingGroup.strip());
		model.addAttribute("sources", ScoreSource.values());
		if (cityCode == null && user.cityId() == null) {
			return "evaluation/scores";
		}
		Optional<Scores.Result> result = scores.scores(user, cityCode, period, rankingGroup);
		model.addAttribute("result", result.orElse(null));
		result.ifPresent(r -> {
			Map<String, List<cn.chuangwen.evaluation.ScoreLine>> byGroup = Scores.byGroup(r.lines());
			Map<String, List<ScoreSource>> columns = new LinkedHashMap<>();
			byGroup.forEach((g, lines) -> columns.put(g, java.util.Arrays.stream(ScoreSource.values())
				.filter(s -> lines.stream().anyMatch(l -> l.parts().containsKey(s)))
				.toList()));
			model.addAttribute("byGroup", byGroup);
			model.addAttribute("columns", columns);
		});
		boolean whole = user.scope().kind() == cn.chuangwen.organization.DataScope.Kind.ALL
				|| user.scope().kind() == cn.chuangwen.organization.DataScope.Kind.CITY;
		List<PeriodView> choices = whole ? periods.list(user, cityCode, null)
			.stream()
			.filter(p -> p.state() != PeriodState.OPEN || user.can(Permissions.EVALUATION_MANAGE))
			.toList() : List.of();
		model.addAttribute("periodChoices", choices);
		model.addAttribute("period", result.map(r -> r.period().code()).orElse(""));
		return "evaluation/scores";
	}

	// --- schemes

	@GetMapping("/evaluation/schemes")
	@PreAuthorize(EvaluationApi.READ)
	String schemes(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city, Model model) {
		String cityCode = city(user, city, model);
		model.addAttribute("schemes", cityCode == null && user.cityId() == null ? List.of() : schemes.list(user, cityCode));
		return "evaluation/schemes";
	}

	@GetMapping("/evaluation/schemes/{id}")
	@PreAuthorize(EvaluationApi.READ)
	String scheme(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String city, Model model) {
		SchemeView s = schemes.get(user, city, id);
		return editor(user, s, values(s), FormErrors.none(), null, model);
	}

	/** Saves the edited scheme (a new version), or with {@code action=preview} shows how the last closed period would rank. */
	@PostMapping("/evaluation/schemes/{id}")
	@PreAuthorize(EvaluationApi.MANAGE)
	String saveScheme(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam Map<String, String> form, Model model, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) {
		SchemeView s = schemes.get(user, null, id);
		Map<String, String> values = new LinkedHashMap<>();
		form.forEach((k, v) -> values.put(k, v == null ? "" : v.strip()));
		boolean preview = "preview".equals(values.get("action"));
		try {
			List<FieldProblem> bad = new ArrayList<>();
			SchemeDraft draft = draft(s, values, bad);
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			if (preview) {
				return editor(user, s, values, FormErrors.none(), schemes.preview(user, id, draft), model);
			}
			SchemeView saved = schemes.update(user, id, draft);
			redirect.addFlashAttribute("notice",
					messages.getMessage("evaluation.scheme.saved", new Object[] { saved.version() }, locale));
			return "redirect:/evaluation/schemes/" + id;
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return editor(user, s, values, FormErrors.of(ex.problems(), messages, locale), null, model);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("refusal", messages.getMessage(ex.messageKey(), ex.args(), locale));
			return editor(user, s, values, FormErrors.none(), null, model);
		}
	}

	private String editor(CurrentUser user, SchemeView s, Map<String, String> values, FormErrors errors,
			ScoreSchemes.Preview preview, Model model) {
		boolean manage = user.can(Permissions.EVALUATION_MANAGE) && user.cityId() != null;
		model.addAttribute("scheme", s);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("preview", preview);
		model.addAttribute("canManage", manage);
		model.addAttribute("sources", ScoreSource.values());
		model.addAttribute("available", manage ? schemes.available(user, s.periodKind()) : List.of());
		model.addAttribute("bandRows", java.util.stream.IntStream.range(0, BAND_ROWS).boxed().toList());
		model.addAttribute("colours", SchemeView.COLOURS);
		return "evaluation/scheme";
	}

	static Map<String, String> values(SchemeView s) {
		Map<String, String> v = new LinkedHashMap<>();
		v.put("name", s.name());
		v.put("minSample", String.valueOf(s.minSample()));
		v.put("version", String.valueOf(s.version()));
		for (SchemeView.Part p : s.sources()) {
			v.put("weight_" + p.source().name(), plain(p.weight()));
			v.put("cap_" + p.source().name(), p.cap() == null ? "" : plain(p.cap()));
		}
		for (int i = 0; i < s.bands().size(); i++) {
			SchemeView.Band b = s.bands().get(i);
			v.put("bandName" + i, b.name());
			v.put("bandMin" + i, plain(b.min()));
			v.put("bandColour" + i, b.colour());
		}
		return v;
	}

	/** The draft of the editor's form: a source is used when its weight (or, for MANUAL, its cap) is filled in. */
	static SchemeDraft draft(SchemeView s, Map<String, String> v, List<FieldProblem> bad) {
		List<SchemeDraft.Source> sources = new ArrayList<>();
		for (ScoreSource source : ScoreSource.values()) {
			String w = v.getOrDefault("weight_" + source.name(), "");
			String c = v.getOrDefault("cap_" + source.name(), "");
			boolean used = source.weighted() ? !w.isEmpty() : !c.isEmpty();
			if (used) {
				sources.add(new SchemeDraft.Source(source.name(), decimal("weight_" + source.name(), w, bad),
						decimal("cap_" + source.name(), c, bad)));
			}
		}
		List<SchemeView.Band> bands = new ArrayList<>();
		for (int i = 0; i < BAND_ROWS; i++) {
			String name = v.getOrDefault("bandName" + i, "");
			if (!name.isEmpty()) {
				bands.add(new SchemeView.Band(name, decimal("bandMin" + i, v.getOrDefault("bandMin" + i, ""), bad),
						v.getOrDefault("bandColour" + i, "")));
			}
		}
		Integer minSample = null;
		try {
			minSample = Integer.valueOf(v.getOrDefault("minSample", ""));
		}
		catch (NumberFormatException ex) {
			bad.add(FieldProblem.of("minSample", "evaluation.error.minSample", 10_000));
		}
		Integer version = null;
		try {
			version = Integer.valueOf(v.getOrDefault("version", ""));
		}
		catch (NumberFormatException ex) {
			version = null;
		}
		return new SchemeDraft(v.getOrDefault("name", ""), s.periodKind().name(), s.rankingGroup(), sources, bands,
				minSample, version);
	}

	private static BigDecimal decimal(String field, String text, List<FieldProblem> bad) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			bad.add(FieldProblem.of(field, "evaluation.error.number"));
			return null;
		}
	}

	// --- manual items

	@GetMapping("/evaluation/items")
	@PreAuthorize(EvaluationApi.MANAGE)
	String items(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period, Model model) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("period", period == null ? "" : period.strip());
		return itemsPage(user, values, FormErrors.none(), model);
	}

	@PostMapping("/evaluation/items")
	@PreAuthorize(EvaluationApi.MANAGE)
	String addItem(@AuthenticationPrincipal CurrentUser user, @RequestParam Map<String, String> form, Model model,
			Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String f : List.of("period", "unitId", "points", "reason")) {
			values.put(f, form.getOrDefault(f, "").strip());
		}
		List<FieldProblem> bad = new ArrayList<>();
		Long unit = null;
		try {
			unit = values.get("unitId").isEmpty() ? null : Long.valueOf(values.get("unitId"));
		}
		catch (NumberFormatException ex) {
			unit = null;
		}
		BigDecimal points = decimal("points", values.get("points"), bad);
		try {
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			ManualItems.Item item = items.add(user, new ManualItems.Draft(values.get("period"), unit, points, values.get("reason")));
			redirect.addFlashAttribute("notice", messages.getMessage("evaluation.item.added",
					new Object[] { item.unitName(), item.points().toPlainString() }, locale));
			return "redirect:/evaluation/items?period=" + item.period();
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return itemsPage(user, values, FormErrors.of(ex.problems(), messages, locale), model);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("refusal", messages.getMessage(ex.messageKey(), ex.args(), locale));
			return itemsPage(user, values, FormErrors.none(), model);
		}
	}

	private String itemsPage(CurrentUser user, Map<String, String> values, FormErrors errors, Model model) {
		String period = values.get("period");
		List<ManualItems.Item> list;
		try {
			list = items.list(user, period);
		}
		catch (InvalidInputException ex) {
			list = items.list(user, null);
		}
		model.addAttribute("items", list);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("openPeriods", periods.list(user, null, null).stream()
			.filter(p -> p.state() == PeriodState.OPEN).toList());
		model.addAttribute("units", items.units(user));
		return "evaluation/items";
	}

	// --- rewards

	@GetMapping("/evaluation/rewards")
	@PreAuthorize(EvaluationApi.READ)
	String rewards(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) String city, Model model) {
		String cityCode = city(user, city, model);
		model.addAttribute("overview", rewards.year(user, cityCode, year));
		model.addAttribute("canManage", user.can(Permissions.EVALUATION_MANAGE) && user.cityId() != null);
		model.addAttribute("rules", rewards.rules(user, cityCode));
		model.addAttribute("ruleKinds", PeriodCode.Kind.values());
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", FormErrors.none());
		}
		return "evaluation/rewards";
	}

	/** Sets the year's budget (errors beside the field: negative, below what is confirmed). */
	@PostMapping("/evaluation/rewards/budget")
	@PreAuthorize(EvaluationApi.MANAGE)
	String budget(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) String amount, Model model, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			rewards.setBudget(user, year, decimal(amount));
			redirect.addFlashAttribute("notice", messages.getMessage("evaluation.rules.budgetSaved",
					new Object[] { String.valueOf(year) }, locale));
			return "redirect:/evaluation/rewards?year=" + year;
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			model.addAttribute("budgetInput", amount);
		}
		Integer shown = year != null && year >= PeriodCode.MIN_YEAR && year <= PeriodCode.MAX_YEAR ? year : null;
		return rewards(user, shown, null, model);
	}

	/** Adds a reward or consequence rule (errors beside the fields). */
	@PostMapping("/evaluation/rewards/rules")
	@PreAuthorize(EvaluationApi.MANAGE)
	String addRule(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String periodKind,
			@RequestParam(required = false) String rankingGroup, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String rank, @RequestParam(required = false) String amount,
			@RequestParam(required = false) String bottomN, @RequestParam(required = false) String consequence,
			@RequestParam(required = false) Integer year, Model model, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			// text that is no number goes on as an impossible value: the rules name the field with the rest
			boolean reward = "REWARD".equals(kind);
			Integer r = reward ? whole(rank) : null;
			BigDecimal a = reward ? decimal(amount) : null;
			Integer n = reward ? null : whole(bottomN);
			rewards.addRule(user, periodKind, rankingGroup, kind, r, a, n, consequence);
			redirect.addFlashAttribute("notice", messages.getMessage("evaluation.rules.added", null, locale));
			return "redirect:/evaluation/rewards" + (year == null ? "" : "?year=" + year) + "#rules";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			model.addAttribute("ruleInput", new RuleForm(periodKind, rankingGroup, kind, rank, amount, bottomN, consequence));
		}
		return rewards(user, year, null, model);
	}

	/** What the office typed into the rule form, shown again beside the errors. */
	record RuleForm(String periodKind, String rankingGroup, String kind, String rank, String amount, String bottomN,
			String consequence) {
	}

	@PostMapping("/evaluation/rewards/rules/{id}/remove")
	@PreAuthorize(EvaluationApi.MANAGE)
	String removeRule(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) Integer year, Locale locale, RedirectAttributes redirect) {
		rewards.removeRule(user, id);
		redirect.addFlashAttribute("notice", messages.getMessage("evaluation.rules.removed", null, locale));
		return "redirect:/evaluation/rewards" + (year == null ? "" : "?year=" + year) + "#rules";
	}

	/** A decimal typed into a form: blank is null, text that is no number -1 (both refused by the rules with the field's message). */
	private static BigDecimal decimal(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(text.strip().replace(",", "").replace("，", ""));
		}
		catch (NumberFormatException ex) {
			return BigDecimal.ONE.negate();
		}
	}

	/** A whole number typed into a form: blank is null, text that is no number -1. */
	private static Integer whole(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** The year-end file: each unit's results of the year's closed periods and confirmed rewards (Excel). */
	@GetMapping("/evaluation/rewards/results.xlsx")
	@PreAuthorize(EvaluationApi.READ)
	void yearFile(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) String city, HttpServletResponse response) throws java.io.IOException {
		int y = year == null ? rewards.year(user, city, null).year() : year;
		response.setContentType(cn.chuangwen.files.FileKind.XLSX.contentType());
		response.setHeader(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
				cn.chuangwen.files.Downloads.contentDisposition("attachment", "考核结果-" + y + ".xlsx"));
		rewards.writeYear(user, city, y, response.getOutputStream());
	}

	@PostMapping("/evaluation/rewards/proposals/{id}/confirm")
	@PreAuthorize(EvaluationApi.MANAGE)
	String confirm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String reason, @RequestParam(required = false) Integer year, Model model,
			Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			var p = rewards.confirm(user, id, reason, null);
			redirect.addFlashAttribute("notice", messages.getMessage("evaluation.rewards.confirmed",
					new Object[] { p.unit().name() }, locale));
			return "redirect:/evaluation/rewards?year=" + p.year();
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("refusal", FormErrors.of(ex.problems(), messages, locale).items().get(0).message());
			model.addAttribute("refusedId", id);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("refusal", messages.getMessage(ex.messageKey(), ex.args(), locale));
		}
		return rewards(user, year, null, model);
	}

	// --- helpers

	/** The city a province reader chose (its list on the page); null for a city account. */
	private String city(CurrentUser user, String city, Model model) {
		if (user.cityId() != null) {
			return null;
		}
		var list = cities.visible(user.scope());
		model.addAttribute("cities", list);
		String chosen = city == null || city.isBlank() ? list.isEmpty() ? null : list.get(0).code() : city.strip();
		model.addAttribute("city", chosen);
		return chosen;
	}

	private static String plain(BigDecimal v) {
		return v.stripTrailingZeros().toPlainString();
	}

}
