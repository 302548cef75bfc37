package cn.chuangwen.surveys;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.shared.Secrets;
import cn.chuangwen.surveys.internal.PosterPdf;
import cn.chuangwen.surveys.internal.ResultsWorkbook;
import cn.chuangwen.surveys.internal.SurveyStore;

/**
 * Satisfaction surveys of window units, the office's side (issue 10 §2): a questionnaire run for a
 * round over the city's window units, each unit with one public answer link ({@code /s/{token}}) and
 * a QR poster; closing a round; the results per unit and question; the city's minimum sample. Reads
 * are scoped: the office and leaders their city, the province every city, a unit liaison the links
 * and results of its own units. Every change is traced.
 */
@Service
public class Surveys {

	public static final int MAX_MIN_RESPONSES = 10_000;

	private final SurveyStore store;

	private final PosterPdf posters;

	private final ResultsWorkbook workbook;

	private final AuditTrail audit;

	private final Clock clock;

	private final int defaultMinResponses;

	public Surveys(SurveyStore store, PosterPdf posters, ResultsWorkbook workbook, AuditTrail audit, Clock clock,
			@Value("${chuangwen.surveys.min-responses:30}") int defaultMinResponses) {
		this.store = store;
		this.posters = posters;
		this.workbook = workbook;
		this.audit = audit;
		this.clock = clock;
		this.defaultMinResponses = Math.max(1, defaultMinResponses);
	}

	/** A window unit the office may put in a survey. */
	public record WindowUnit(long id, String name) {
	}

	/** The active window units of the office's city, by name: what the builder offers. */
	@Transactional(readOnly = true)
	public List<WindowUnit> windowUnits(CurrentUser user) {
		long cityId = city(user, Permissions.SURVEY_MANAGE);
		return store.windowUnits(cityId, null).stream().map(u -> new WindowUnit(u.id(), u.name())).toList();
	}

	/** The current quarter's code (the builder's default round), in the campaign's time zone. */
	public String currentQuarter() {
		return PeriodCode.of(PeriodCode.Kind.QUARTER, LocalDate.now(clock.withZone(Satisfaction.ZONE))).text();
	}

	/**
	 * Creates a survey with one answer link per window unit (the units given, or every active
	 * window unit of the city); 400 naming each wrong field, nothing written.
	 */
	@Transactional
	public SurveyView create(CurrentUser user, SurveyDraft draft) {
		long cityId = city(user, Permissions.SURVEY_MANAGE);
		SurveyRules.Checked c = SurveyRules.check(draft);
		List<SurveyStore.Unit> units = c.unitIds().isEmpty() ? store.windowUnits(cityId, null)
				: store.windowUnits(cityId, c.unitIds());
		if (units.isEmpty()) {
			throw new InvalidInputException(FieldProblem.of("unitIds", "survey.error.units.none"));
		}
		if (!c.unitIds().isEmpty() && units.size() != c.unitIds().size()) {
			throw new InvalidInputException(FieldProblem.of("unitIds", "survey.error.units.unknown"));
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		long id = store.insertSurvey(cityId, c.name(), c.round().text(), c.round().start(), c.round().end(),
				user.username(), now);
		int position = 1;
		for (SurveyRules.CheckedQuestion q : c.questions()) {
			long qid = store.insertQuestion(id, position++, q.kind(), q.required(), q.labelZh(), q.labelEn());
			int k = 1;
			for (SurveyDraft.OptionDraft o : q.options()) {
				store.insertOption(qid, k++, o.labelZh(), o.labelEn(), o.score());
			}
		}
		for (SurveyStore.Unit u : units) {
			store.insertLink(id, cityId, u.id(), Secrets.newSecret(""));
		}
		audit.record(AuditEntry.of("SURVEY_CREATE")
			.city(cityId)
			.object("survey", id)
			.change("name", null, c.name())
			.change("round", null, c.round().text())
			.change("questions", null, c.questions().size())
			.change("units", null, String.join("、", units.stream().map(SurveyStore.Unit::name).toList())));
		return get(user, id);
	}

	/** Closes a round: its links answer 404 from now on. A closed one answers 409. */
	@Transactional
	public SurveyView close(CurrentUser user, long id) {
		long cityId = city(user, Permissions.SURVEY_MANAGE);
		SurveyStore.Row row = find(ScopeSql.of(user.scope()), id);
		if (row.cityId() != cityId) {
			throw new NotFoundException("survey", id);
		}
		if (row.state() != SurveyView.State.OPEN || store.close(id, user.username(), clock.instant()) != 1) {
			throw new ConflictException("survey.error.closed");
		}
		audit.record(AuditEntry.of("SURVEY_CLOSE")
			.city(cityId)
			.object("survey", id)
			.change("state", SurveyView.State.OPEN, SurveyView.State.CLOSED)
			.change("responses", null, store.responses(id)));
		return get(user, id);
	}

	/** The surveys in the reader's scope, newest first, each with the links the reader may see. */
	@Transactional(readOnly = true)
	public Page<SurveyView> page(CurrentUser user, PageRequest page) {
		reader(user);
		ScopeSql scope = ScopeSql.of(user.scope());
		return Page.read(page, () -> store.page(scope, page), () -> store.count(scope))
			.map(r -> view(r, List.of(), store.links(scope, r.id())));
	}

	/** One survey with its questionnaire and the links the reader may see; 404 outside the scope. */
	@Transactional(readOnly = true)
	public SurveyView get(CurrentUser user, long id) {
		reader(user);
		ScopeSql scope = ScopeSql.of(user.scope());
		SurveyStore.Row r = find(scope, id);
		return view(r, store.questions(id), store.links(scope, id));
	}

	/**
	 * The results over the units in the reader's scope, or one of them ({@code unitId}; a unit the
	 * survey does not run over, or out of scope, is 404).
	 */
	@Transactional(readOnly = true)
	public SurveyResults results(CurrentUser user, long id, Long unitId) {
		SurveyView s = get(user, id);
		if (unitId != null && s.links().stream().noneMatch(l -> l.unitId() == unitId)) {
			throw new NotFoundException("unit", unitId);
		}
		ScopeSql scope = ScopeSql.of(user.scope());
		int min = minResponses(s.cityId());
		List<SurveyResults.UnitResult> units = store.tallies(scope, id)
			.stream()
			.map(t -> unitResult(t, min))
			.toList();
		long responses = units.stream()
			.filter(u -> unitId == null || u.unitId() == unitId)
			.mapToLong(SurveyResults.UnitResult::responses)
			.sum();
		Map<Long, Map<Long, Long>> options = group(store.optionCounts(scope, id, unitId));
		Map<Long, Map<Long, Long>> ratings = group(store.ratingCounts(scope, id, unitId));
		Map<Long, Map<Long, Long>> answered = group(store.answeredCounts(scope, id, unitId));
		List<SurveyResults.QuestionResult> questions = new ArrayList<>();
		for (SurveyView.Question q : s.questions()) {
			long n = answered.getOrDefault(q.id(), Map.of()).values().stream().mapToLong(Long::longValue).sum();
			List<SurveyResults.OptionCount> counts = new ArrayList<>();
			BigDecimal mean = null;
			List<SurveyResults.TextAnswer> texts = List.of();
			switch (q.kind()) {
				case SINGLE, MULTIPLE -> {
					Map<Long, Long> byOption = options.getOrDefault(q.id(), Map.of());
					for (SurveyView.Option o : q.options()) {
						counts.add(new SurveyResults.OptionCount(o.labelZh(), o.labelEn(), byOption.getOrDefault(o.id(), 0L)));
					}
				}
				case RATING -> {
					Map<Long, Long> byRating = ratings.getOrDefault(q.id(), Map.of());
					long sum = 0;
					long count = 0;
					for (long r = 1; r <= 5; r++) {
						long c = byRating.getOrDefault(r, 0L);
						counts.add(new SurveyResults.OptionCount(String.valueOf(r), String.valueOf(r), c));
						sum += r * c;
						count += c;
					}
					mean = count == 0 ? null
							: BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
				}
				case TEXT -> texts = store.texts(scope, id, q.id(), unitId, SurveyResults.MAX_TEXTS)
					.stream()
					.map(t -> new SurveyResults.TextAnswer(t.text(), t.at()))
					.toList();
			}
			questions.add(new SurveyResults.QuestionResult(q.id(), q.position(), q.kind(), q.labelZh(), q.labelEn(), n,
					counts, mean, texts));
		}
		return new SurveyResults(s, min, unitId, responses, units, questions);
	}

	/** The results the reader may see ({@link #results}) as .xlsx: the units on one sheet, the questions on another. */
	@Transactional(readOnly = true)
	public void exportResults(CurrentUser user, long id, Long unitId, OutputStream out) throws java.io.IOException {
		workbook.write(results(user, id, unitId), out);
	}

	/** The A4 QR posters of a survey's units (one unit, or all of them), one page each, as one PDF. */
	@Transactional(readOnly = true)
	public void posters(CurrentUser user, long id, Long unitId, String baseUrl, OutputStream out) {
		city(user, Permissions.SURVEY_MANAGE);
		SurveyView s = get(user, id);
		List<PosterPdf.Poster> pages = s.links()
			.stream()
			.filter(l -> unitId == null || l.unitId() == unitId)
			.map(l -> new PosterPdf.Poster(s.cityName(), l.unitName(), s.name(), s.round(), baseUrl + l.path()))
			.toList();
		if (pages.isEmpty()) {
			throw new NotFoundException("unit", unitId);
		}
		posters.write(pages, out);
	}

	// --- the city's setting

	/** Responses a unit needs before it gets a score in this city (the default when never set). */
	@Transactional(readOnly = true)
	public int minResponses(long cityId) {
		return store.minResponses(cityId).orElse(defaultMinResponses);
	}

	/** Sets the city's minimum sample (1 to {@value #MAX_MIN_RESPONSES}); traced with before and after. */
	@Transactional
	public int setMinResponses(CurrentUser user, String value) {
		long cityId = city(user, Permissions.SURVEY_MANAGE);
		int min;
		try {
			min = Integer.parseInt(value == null ? "" : value.strip());
		}
		catch (NumberFormatException ex) {
			min = 0;
		}
		if (min < 1 || min > MAX_MIN_RESPONSES) {
			throw new InvalidInputException(FieldProblem.of("minResponses", "survey.error.minResponses", MAX_MIN_RESPONSES));
		}
		int before = minResponses(cityId);
		store.setMinResponses(cityId, min);
		audit.record(AuditEntry.of("SURVEY_SETTING_CHANGE")
			.city(cityId)
			.object("city", cityId)
			.change("minResponses", before, min));
		return min;
	}

	// --- helpers

	static SurveyResults.UnitResult unitResult(SurveyStore.UnitTally t, int min) {
		boolean small = SurveyRules.sampleTooSmall(t.responses(), min);
		BigDecimal score = small || t.meanScore() == null ? null : t.meanScore().setScale(1, RoundingMode.HALF_UP);
		return new SurveyResults.UnitResult(t.unitId(), t.unitName(), t.responses(), score, small);
	}

	private static Map<Long, Map<Long, Long>> group(List<SurveyStore.Count> counts) {
		Map<Long, Map<Long, Long>> out = new HashMap<>();
		for (SurveyStore.Count c : counts) {
			out.computeIfAbsent(c.questionId(), k -> new LinkedHashMap<>()).merge(c.key(), c.count(), Long::sum);
		}
		return out;
	}

	private SurveyStore.Row find(ScopeSql scope, long id) {
		return store.find(scope, id).orElseThrow(() -> new NotFoundException("survey", id));
	}

	private static SurveyView view(SurveyStore.Row r, List<SurveyView.Question> questions, List<SurveyView.Link> links) {
		return new SurveyView(r.id(), r.cityId(), r.cityCode(), r.cityName(), r.name(), r.round(), r.state(),
				r.createdBy(), r.createdAt(), r.closedAt(), questions, links);
	}

	private static void reader(CurrentUser user) {
		if (!user.can(Permissions.SURVEY_READ) && !user.can(Permissions.SURVEY_MANAGE)) {
			throw new AccessDeniedException(Permissions.SURVEY_READ);
		}
	}

	private static long city(CurrentUser user, String permission) {
		if (!user.can(permission)) {
			throw new AccessDeniedException(permission);
		}
		if (user.cityId() == null) {
			throw new AccessDeniedException("city");
		}
		return user.cityId();
	}

}
