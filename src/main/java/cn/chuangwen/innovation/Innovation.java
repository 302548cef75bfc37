package cn.chuangwen.innovation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.files.Upload;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditEventView;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.evaluation.ManualItems;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.innovation.internal.InnovationStore;
import cn.chuangwen.innovation.internal.InnovationStore.CaseRow;
import cn.chuangwen.innovation.internal.InnovationStore.ContestRow;
import cn.chuangwen.innovation.internal.InnovationStore.SheetRow;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * Innovation case contests (创新案例评选, issue 12 §5, X11). The office of a city runs a contest with
 * a rubric and judges; units submit cases while it is OPEN and before its deadline; judges score
 * each case once while it is JUDGING; the office publishes the ranking when every case has a sheet.
 * <p>
 * Who sees what: the office, leaders, inspectors and the province read the contests of their
 * cities and every case; a unit liaison only its own unit's cases (another unit's is 404). No score
 * is shown before publication; a judge sees only its own sheet, ever; after publication the ranking
 * (mean of the sheets' weighted totals) is for everyone, and the individual sheets for the city
 * office only. Every change is traced; a sheet's scores are traced on the sheet, never on the case,
 * whose history the case page shows.
 */
@Service
public class Innovation {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	public static final int MAX_TITLE = 200;

	public static final int MAX_TEXT = 4000;

	public static final int MAX_CRITERION_NAME = 100;

	public static final int MIN_CRITERIA = 2;

	public static final int MAX_CRITERIA = 10;

	public static final int MAX_JUDGES = 30;

	public static final int MAX_FILES = 10;

	/** How many published contests the public page shows. */
	public static final int PUBLIC_CONTESTS = 10;


	/** A contest with the cases the reader sees. */
	public record ContestDetail(ContestView contest, List<CaseView> cases, List<RankLine> ranking,
			List<AuditEventView> history) {
	}

	/** A published contest and its ranking, for the public page. */
	public record PublishedContest(ContestView contest, List<RankLine> ranking) {
	}

	private final InnovationStore store;

	private final EvidenceStore files;

	private final ManualItems manualItems;

	private final Cities cities;

	private final AuditTrail audit;

	private final Clock clock;

	public Innovation(InnovationStore store, EvidenceStore files, ManualItems manualItems, Cities cities,
			AuditTrail audit, Clock clock) {
		this.store = store;
		this.files = files;
		this.manualItems = manualItems;
		this.cities = cities;
		this.audit = audit;
		this.clock = clock;
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(ZONE));
	}

	// --- reading

	@Transactional(readOnly = true)
	public Page<ContestView> page(CurrentUser user, PageRequest page) {
		reader(user);
		ScopeSql scope = ScopeSql.of(user.scope());
		return Page.read(page, () -> store.contests(scope, page), () -> store.countContests(scope)).mapAll(this::views);
	}

	@Transactional(readOnly = true)
	public ContestView contest(CurrentUser user, long id) {
		reader(user);
		return views(List.of(findContest(user, id))).get(0);
	}

	/** A contest with the cases the reader may see, the ranking once published, and its history. */
	@Transactional(readOnly = true)
	public ContestDetail detail(CurrentUser user, long id) {
		ContestView c = contest(user, id);
		List<CaseRow> rows = store.cases(ScopeSql.of(user.scope()), id);
		List<RankLine> ranking = c.state() == ContestState.PUBLISHED ? ranking(c.id()) : List.of();
		return new ContestDetail(c, cases(user, c, rows, ranking, false), ranking,
				audit.historyOf("innovation_contest", String.valueOf(id), 100));
	}

	/** One case in the reader's scope (another unit's is 404), with its files and the reader's own sheet. */
	@Transactional(readOnly = true)
	public CaseView caseView(CurrentUser user, long caseId) {
		reader(user);
		CaseRow row = findCase(user, caseId);
		ContestView c = views(List.of(findContest(user, row.contestId()))).get(0);
		List<RankLine> ranking = c.state() == ContestState.PUBLISHED ? ranking(c.id()) : List.of();
		return cases(user, c, List.of(row), ranking, true).get(0);
	}

	@Transactional(readOnly = true)
	public List<AuditEventView> caseHistory(CurrentUser user, long caseId) {
		reader(user);
		findCase(user, caseId);
		return audit.historyOf("innovation_case", String.valueOf(caseId), 100);
	}

	/** The published ranking; 409 before publication. */
	@Transactional(readOnly = true)
	public List<RankLine> results(CurrentUser user, long id) {
		ContestView c = contest(user, id);
		if (c.state() != ContestState.PUBLISHED) {
			throw new ConflictException("innovation.error.notPublished");
		}
		return ranking(c.id());
	}

	/** A city's published contests with their rankings, newest first: anyone may read them. */
	@Transactional(readOnly = true)
	public List<PublishedContest> published(String cityCode) {
		CityView city = cityCode == null ? null : cities.byCode(cityCode.toLowerCase(Locale.ROOT)).orElse(null);
		if (city == null) {
			throw new NotFoundException("city", cityCode);
		}
		return views(store.published(city.id(), PUBLIC_CONTESTS)).stream()
			.map(c -> new PublishedContest(c, ranking(c.id())))
			.toList();
	}

	public Optional<CityView> city(String cityCode) {
		return cityCode == null ? Optional.empty() : cities.byCode(cityCode.toLowerCase(Locale.ROOT));
	}

	/** A case's file, for a reader of the case. */
	@Transactional(readOnly = true)
	public StoredFile file(CurrentUser user, long caseId, long fileId) {
		reader(user);
		CaseRow row = findCase(user, caseId);
		if (!store.files(row.id()).contains(fileId)) {
			throw new NotFoundException("file", fileId);
		}
		return files.find(fileId).orElseThrow(() -> new NotFoundException("file", fileId));
	}

	/** The accounts of the office's city that may judge: the create form's choices. */
	@Transactional(readOnly = true)
	public List<ContestView.Judge> judgeChoices(CurrentUser user) {
		return store.judgeChoices(office(user));
	}

	// --- the office

	/**
	 * A new OPEN contest: 400 naming each wrong field (title, deadline today or later, 2–10 named
	 * criteria whose integer weights sum to 100, at least one judge); 404 for a judge that is no
	 * account of the city.
	 */
	@Transactional
	public ContestView create(CurrentUser user, ContestDraft d) {
		long cityId = office(user);
		List<FieldProblem> bad = new ArrayList<>();
		String title = text(d.title(), "title", MAX_TITLE, true, bad);
		String description = text(d.description(), "description", MAX_TEXT, false, bad);
		LocalDate deadline = null;
		if (trim(d.deadline()) == null) {
			bad.add(FieldProblem.of("deadline", "innovation.error.deadline.required"));
		}
		else {
			try {
				deadline = LocalDate.parse(trim(d.deadline()));
				if (deadline.isBefore(today())) {
					bad.add(FieldProblem.of("deadline", "innovation.error.deadline.past"));
				}
			}
			catch (DateTimeParseException ex) {
				bad.add(FieldProblem.of("deadline", "innovation.error.deadline.invalid"));
			}
		}
		List<ContestDraft.CriterionDraft> criteria = d.criteria() == null ? List.of()
				: d.criteria().stream().filter(Objects::nonNull).toList();
		if (criteria.size() < MIN_CRITERIA || criteria.size() > MAX_CRITERIA) {
			bad.add(FieldProblem.of("criteria", "innovation.error.criteria.count", MIN_CRITERIA, MAX_CRITERIA));
		}
		else {
			int sum = 0;
			Set<String> names = new LinkedHashSet<>();
			for (ContestDraft.CriterionDraft c : criteria) {
				String name = trim(c.name());
				if (name == null || name.length() > MAX_CRITERION_NAME) {
					bad.add(FieldProblem.of("criteria", "innovation.error.criteria.name", MAX_CRITERION_NAME));
					break;
				}
				if (!names.add(name)) {
					bad.add(FieldProblem.of("criteria", "innovation.error.criteria.duplicate", name));
					break;
				}
				if (c.weight() == null || c.weight() < 1 || c.weight() > 100) {
					bad.add(FieldProblem.of("criteria", "innovation.error.criteria.weight"));
					break;
				}
				sum += c.weight();
			}
			if (bad.stream().noneMatch(p -> p.field().equals("criteria")) && sum != 100) {
				bad.add(FieldProblem.of("criteria", "innovation.error.criteria.sum", sum));
			}
		}
		List<String> usernames = d.judges() == null ? List.of()
				: d.judges().stream().map(Innovation::trim).filter(Objects::nonNull)
					.map(u -> u.toLowerCase(Locale.ROOT)).distinct().toList();
		Map<String, ContestView.Judge> judges = new LinkedHashMap<>();
		if (usernames.isEmpty()) {
			bad.add(FieldProblem.of("judges", "innovation.error.judges.required"));
		}
		else if (usernames.size() > MAX_JUDGES) {
			bad.add(FieldProblem.of("judges", "innovation.error.judges.tooMany", MAX_JUDGES));
		}
		else {
			Map<String, ContestView.Judge> eligible = store.judgeChoices(cityId).stream()
				.collect(Collectors.toMap(ContestView.Judge::username, j -> j));
			List<String> wrongRole = new ArrayList<>();
			for (String u : usernames) {
				ContestView.Judge j = eligible.get(u);
				if (j != null) {
					judges.put(u, j);
					continue;
				}
				// an account of another city, or none at all, is not there for this office
				boolean ofCity = u.length() <= 64 && store.cityOfUser(u).flatMap(c -> c).filter(c -> c == cityId).isPresent();
				if (!ofCity) {
					throw new NotFoundException("judge", u);
				}
				wrongRole.add(u);
			}
			if (!wrongRole.isEmpty()) {
				bad.add(FieldProblem.of("judges", "innovation.error.judges.role", String.join("、", wrongRole)));
			}
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		Instant now = now();
		long id = store.insertContest(cityId, title, description, deadline, user.username(), now);
		int position = 1;
		for (ContestDraft.CriterionDraft c : criteria) {
			store.insertCriterion(id, position++, trim(c.name()), c.weight());
		}
		judges.values().forEach(j -> store.insertJudge(id, j.userId()));
		audit.record(AuditEntry.of("INNOVATION_CONTEST_CREATE")
			.city(cityId)
			.object("innovation_contest", id)
			.change("title", null, title)
			.change("deadline", null, deadline)
			.change("criteria", null, criteria.stream().map(c -> trim(c.name()) + " " + c.weight())
				.collect(Collectors.joining("、")))
			.change("judges", null, String.join("、", judges.keySet()))
			.change("state", null, ContestState.OPEN));
		return contest(user, id);
	}

	/** OPEN → JUDGING: no new cases from now on; 409 from any other state or without cases. */
	@Transactional
	public ContestView startJudging(CurrentUser user, long id) {
		ContestRow c = lockManaged(user, id, ContestState.OPEN);
		if (store.allCases(id).isEmpty()) {
			throw new ConflictException("innovation.error.noCases");
		}
		store.setState(id, ContestState.JUDGING, now());
		audit.record(AuditEntry.of("INNOVATION_JUDGING_START")
			.city(c.cityId())
			.object("innovation_contest", id)
			.change("state", ContestState.OPEN, ContestState.JUDGING));
		return contest(user, id);
	}

	/** JUDGING → PUBLISHED once every case has a sheet; 409 naming the cases without one. */
	@Transactional
	public ContestView publish(CurrentUser user, long id) {
		ContestRow c = lockManaged(user, id, ContestState.JUDGING);
		Map<Long, Integer> counts = store.sheetCounts(id);
		List<String> unscored = store.allCases(id).stream()
			.filter(x -> counts.getOrDefault(x.id(), 0) == 0)
			.map(CaseRow::title)
			.toList();
		if (!unscored.isEmpty()) {
			throw new ConflictException("innovation.error.unscored", String.join("、", unscored));
		}
		store.setState(id, ContestState.PUBLISHED, now());
		audit.record(AuditEntry.of("INNOVATION_PUBLISH")
			.city(c.cityId())
			.object("innovation_contest", id)
			.change("state", ContestState.JUDGING, ContestState.PUBLISHED)
			.change("cases", null, counts.size()));
		return contest(user, id);
	}

	/**
	 * Feeds a published case's result into the evaluation as a bonus item of its unit (through
	 * {@link ManualItems#add}: the period must be open, the unit ranked, the points within its
	 * bounds); once per case (409 the second time).
	 */
	@Transactional
	public CaseView bonus(CurrentUser user, long caseId, String period, BigDecimal points) {
		long cityId = office(user);
		CaseRow row = findCase(user, caseId);
		if (row.cityId() != cityId) {
			throw new NotFoundException("innovation_case", caseId);
		}
		ContestRow contest = findContest(user, row.contestId());
		if (contest.state() != ContestState.PUBLISHED) {
			throw new ConflictException("innovation.error.notPublished");
		}
		store.lockCase(caseId);
		if (findCase(user, caseId).bonusItemId() != null) {
			throw new ConflictException("innovation.error.bonusTwice");
		}
		RankLine line = ranking(contest.id()).stream().filter(l -> l.caseId() == caseId).findFirst().orElseThrow();
		String reason = "创新案例评选：" + row.title() + "（第" + line.rank() + "名）";
		ManualItems.Item item = manualItems.add(user, new ManualItems.Draft(period, row.unitId(), points, reason));
		store.setBonus(caseId, item.id(), item.period(), item.points());
		audit.record(AuditEntry.of("INNOVATION_BONUS")
			.city(cityId)
			.object("innovation_case", caseId)
			.reason(reason)
			.change("evaluationItem", null, item.id())
			.change("period", null, item.period())
			.change("points", null, item.points().toPlainString()));
		return caseView(user, caseId);
	}

	// --- units

	/**
	 * A unit's case (the liaison's own unit): title, summary and up to {@value #MAX_FILES} documents
	 * or photos, each checked by the files module. 400 naming each wrong field; 409 once the
	 * deadline has passed or the contest is no longer OPEN.
	 */
	@Transactional
	public CaseView submit(CurrentUser user, long contestId, String titleText, String summaryText,
			List<Upload> uploads) {
		if (!user.can(Permissions.INNOVATION_SUBMIT) || user.unitId() == null) {
			throw new AccessDeniedException("innovation:submit");
		}
		ContestRow c = findContest(user, contestId);
		String title = trim(titleText);
		String summary = trim(summaryText);
		List<StoredFile> stored = checkCase(user, c, title, summary, uploads, 0);
		long id = store.insertCase(contestId, c.cityId(), user.unitId(), title, summary, user.username(), now());
		stored.forEach(f -> store.addFile(id, f.id()));
		audit.record(AuditEntry.of("INNOVATION_CASE_SUBMIT")
			.city(c.cityId())
			.object("innovation_case", id)
			.change("contest", null, c.title())
			.change("unit", null, user.unitName())
			.change("title", null, title)
			.change("files", null, names(stored)));
		return caseView(user, id);
	}

	/** The unit changes its case (title, summary, more files) while the contest is OPEN and before its deadline. */
	@Transactional
	public CaseView update(CurrentUser user, long caseId, String titleText, String summaryText, List<Upload> uploads) {
		if (!user.can(Permissions.INNOVATION_SUBMIT) || user.unitId() == null) {
			throw new AccessDeniedException("innovation:submit");
		}
		CaseRow row = findCase(user, caseId);
		if (row.unitId() != user.unitId()) {
			throw new NotFoundException("innovation_case", caseId);
		}
		ContestRow c = findContest(user, row.contestId());
		String title = trim(titleText);
		String summary = trim(summaryText);
		List<StoredFile> stored = checkCase(user, c, title, summary, uploads, store.files(caseId).size());
		store.updateCase(caseId, title, summary, now());
		stored.forEach(f -> store.addFile(caseId, f.id()));
		AuditEntry entry = AuditEntry.of("INNOVATION_CASE_UPDATE").city(c.cityId()).object("innovation_case", caseId);
		if (!row.title().equals(title)) {
			entry.change("title", row.title(), title);
		}
		if (!row.summary().equals(summary)) {
			entry.change("summary", row.summary(), summary);
		}
		if (!stored.isEmpty()) {
			entry.change("files", null, names(stored));
		}
		audit.record(entry);
		return caseView(user, caseId);
	}

	// --- judges

	/**
	 * A judge's sheet for a case: a score 0–100 for every criterion (by criterion id), once. 403 for
	 * an account that is not a judge of the contest; 400 naming {@code scores}; 409 outside JUDGING
	 * or for a second sheet.
	 */
	@Transactional
	public CaseView score(CurrentUser user, long caseId, Map<Long, Integer> scores) {
		reader(user);
		CaseRow row = findCase(user, caseId);
		ContestView c = views(List.of(findContest(user, row.contestId()))).get(0);
		if (!c.judgedBy(user.id())) {
			throw new AccessDeniedException("innovation:judge");
		}
		Map<Long, Integer> given = scores == null ? Map.of() : scores;
		List<FieldProblem> bad = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		for (ContestView.Criterion k : c.criteria()) {
			Integer v = given.get(k.id());
			if (v == null) {
				missing.add(k.name());
			}
			else if (v < 0 || v > 100) {
				bad.add(FieldProblem.of("scores", "innovation.error.score.range", k.name()));
			}
		}
		if (!missing.isEmpty()) {
			bad.add(FieldProblem.of("scores", "innovation.error.score.missing", String.join("、", missing)));
		}
		Set<Long> known = c.criteria().stream().map(ContestView.Criterion::id).collect(Collectors.toSet());
		if (given.keySet().stream().anyMatch(k -> k == null || !known.contains(k))) {
			bad.add(FieldProblem.of("scores", "innovation.error.score.unknown"));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		ContestState state = store.lockState(c.id()).orElseThrow();
		if (state != ContestState.JUDGING) {
			throw new ConflictException("innovation.error.state", state.name());
		}
		if (store.hasSheet(caseId, user.id())) {
			throw new ConflictException("innovation.error.sheetTwice");
		}
		int sum = 0;
		for (ContestView.Criterion k : c.criteria()) {
			sum += k.weight() * given.get(k.id());
		}
		BigDecimal total = BigDecimal.valueOf(sum).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY);
		long sheet = store.insertSheet(caseId, user.id(), total, now());
		AuditEntry entry = AuditEntry.of("INNOVATION_SHEET_SUBMIT")
			.city(c.cityId())
			.object("innovation_sheet", sheet)
			.change("case", null, caseId)
			.change("total", null, total.toPlainString());
		for (ContestView.Criterion k : c.criteria()) {
			store.insertScore(sheet, k.id(), given.get(k.id()));
			entry.change(k.name(), null, given.get(k.id()));
		}
		audit.record(entry);
		return caseView(user, caseId);
	}

	// --- helpers

	/** The ranking: the mean of each case's sheet totals, highest first; equal scores share a rank. */
	private List<RankLine> ranking(long contestId) {
		Map<Long, List<BigDecimal>> totals = store.totals(contestId);
		record Scored(CaseRow row, BigDecimal score, int sheets) {
		}
		List<Scored> scored = store.allCases(contestId).stream().map(x -> {
			List<BigDecimal> t = totals.getOrDefault(x.id(), List.of());
			BigDecimal mean = t.isEmpty() ? BigDecimal.ZERO.setScale(2)
					: t.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
						.divide(BigDecimal.valueOf(t.size()), 2, RoundingMode.HALF_UP);
			return new Scored(x, mean, t.size());
		}).sorted(Comparator.comparing(Scored::score).reversed().thenComparing(s -> s.row().id())).toList();
		List<RankLine> out = new ArrayList<>();
		for (int i = 0; i < scored.size(); i++) {
			Scored s = scored.get(i);
			int rank = i > 0 && s.score().compareTo(scored.get(i - 1).score()) == 0 ? out.get(i - 1).rank() : i + 1;
			out.add(new RankLine(rank, s.row().id(), s.row().title(), s.row().unitId(), s.row().unitName(), s.score(),
					s.sheets()));
		}
		return out;
	}

	private List<CaseView> cases(CurrentUser user, ContestView c, List<CaseRow> rows, List<RankLine> ranking,
			boolean withFiles) {
		List<Long> ids = rows.stream().map(CaseRow::id).toList();
		Map<Long, Integer> counts = store.sheetCounts(c.id());
		Map<Long, RankLine> ranks = ranking.stream().collect(Collectors.toMap(RankLine::caseId, l -> l));
		boolean published = c.state() == ContestState.PUBLISHED;
		// individual sheets: the city office's, after publication; before it, a judge's own sheet only
		boolean allSheets = published && user.can(Permissions.INNOVATION_MANAGE) && Objects.equals(user.cityId(), c.cityId());
		Map<Long, List<SheetRow>> sheets = store.sheets(ids, allSheets ? null : user.id());
		Map<Long, Map<Long, Integer>> scores = store.scores(
				sheets.values().stream().flatMap(List::stream).map(SheetRow::id).toList());
		List<CaseView> out = new ArrayList<>();
		for (CaseRow r : rows) {
			List<CaseView.Sheet> mine = new ArrayList<>();
			List<CaseView.Sheet> all = new ArrayList<>();
			for (SheetRow s : sheets.getOrDefault(r.id(), List.of())) {
				CaseView.Sheet sheet = new CaseView.Sheet(s.judgeUsername(), s.judgeName(),
						scores.getOrDefault(s.id(), Map.of()), s.total(), s.submittedAt());
				if (s.judgeId() == user.id()) {
					mine.add(sheet);
				}
				if (allSheets) {
					all.add(sheet);
				}
			}
			List<CaseView.FileRef> refs = withFiles ? files.findAll(store.files(r.id())).stream()
				.map(f -> new CaseView.FileRef(f.id(), f.name(), f.kind().isImage()))
				.toList() : List.of();
			RankLine line = ranks.get(r.id());
			out.add(new CaseView(r.id(), r.contestId(), r.cityId(), r.unitId(), r.unitName(), r.title(), r.summary(),
					r.submittedAt(), refs, new CaseView.Judging(counts.getOrDefault(r.id(), 0),
							published && line != null ? line.score() : null, published && line != null ? line.rank() : null,
							mine.isEmpty() ? null : mine.get(0), all),
					r.bonusItemId() == null ? null : new CaseView.Bonus(r.bonusItemId(), r.bonusPeriod(), r.bonusPoints())));
		}
		return out;
	}

	private List<ContestView> views(List<ContestRow> rows) {
		List<Long> ids = rows.stream().map(ContestRow::id).toList();
		Map<Long, List<ContestView.Criterion>> criteria = store.criteria(ids);
		Map<Long, List<ContestView.Judge>> judges = store.judges(ids);
		return rows.stream()
			.map(r -> new ContestView(r.id(), r.cityId(), r.cityCode(), r.cityName(), r.title(), r.description(),
					r.deadline(), r.state(), r.cases(), r.createdAt(), criteria.getOrDefault(r.id(), List.of()),
					judges.getOrDefault(r.id(), List.of())))
			.toList();
	}

	/**
	 * A case's fields (400 naming each wrong one), then the contest locked OPEN and before its
	 * deadline (409), then the files stored (each checked by the files module: 400 on {@code files}).
	 */
	private List<StoredFile> checkCase(CurrentUser user, ContestRow c, String title, String summary,
			List<Upload> uploads, int filesBefore) {
		List<FieldProblem> bad = new ArrayList<>();
		text(title, "title", MAX_TITLE, true, bad);
		text(summary, "summary", MAX_TEXT, true, bad);
		List<Upload> given = uploads == null ? List.of() : uploads;
		if (filesBefore + given.size() > MAX_FILES) {
			bad.add(FieldProblem.of(EvidenceStore.FIELD, "innovation.error.files.tooMany", MAX_FILES));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		if (store.lockState(c.id()).orElseThrow() != ContestState.OPEN) {
			throw new ConflictException("innovation.error.closed");
		}
		if (today().isAfter(c.deadline())) {
			throw new ConflictException("innovation.error.deadlinePassed", c.deadline());
		}
		return given.stream().map(u -> files.store(c.cityId(), user.username(), u.name(), u.content())).toList();
	}

	private ContestRow findContest(CurrentUser user, long id) {
		return store.contest(ScopeSql.of(user.scope()), id)
			.orElseThrow(() -> new NotFoundException("innovation_contest", id));
	}

	private CaseRow findCase(CurrentUser user, long id) {
		return store.findCase(ScopeSql.of(user.scope()), id)
			.orElseThrow(() -> new NotFoundException("innovation_case", id));
	}

	/** The office's own contest, locked, in the state a transition starts from (409 otherwise). */
	private ContestRow lockManaged(CurrentUser user, long id, ContestState from) {
		long cityId = office(user);
		ContestRow c = findContest(user, id);
		if (c.cityId() != cityId) {
			throw new NotFoundException("innovation_contest", id);
		}
		ContestState state = store.lockState(id).orElseThrow(() -> new NotFoundException("innovation_contest", id));
		if (state != from) {
			throw new ConflictException("innovation.error.state", state.name());
		}
		return c;
	}

	private static void reader(CurrentUser user) {
		if (!user.can(Permissions.INNOVATION_READ) && !user.can(Permissions.INNOVATION_MANAGE)) {
			throw new AccessDeniedException("innovation:read");
		}
	}

	private static long office(CurrentUser user) {
		if (!user.can(Permissions.INNOVATION_MANAGE) || user.cityId() == null) {
			throw new AccessDeniedException("innovation:manage");
		}
		return user.cityId();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static String text(String given, String field, int max, boolean required, List<FieldProblem> bad) {
		String t = trim(given);
		if (t == null && required) {
			bad.add(FieldProblem.of(field, "innovation.error." + field + ".required"));
		}
		else if (t != null && t.length() > max) {
			bad.add(FieldProblem.of(field, "innovation.error.tooLong", max));
		}
		return t;
	}

	private static String names(List<StoredFile> stored) {
		return stored.stream().map(f -> f.name() + " #" + f.id()).collect(Collectors.joining("、"));
	}

	static String trim(String s) {
		if (s == null) {
			return null;
		}
		String t = s.strip();
		return t.isEmpty() ? null : t;
	}

}
