package cn.chuangwen.inspections;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.documents.BulletinDocument;
import cn.chuangwen.documents.BulletinDocuments;
import cn.chuangwen.documents.DocumentKind;
import cn.chuangwen.documents.DocumentNumbers;
import cn.chuangwen.inspections.internal.ResultRules;
import cn.chuangwen.inspections.internal.ResultStore;
import cn.chuangwen.inspections.internal.ResultStore.KindFigures;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.PeriodCode;

/**
 * A period's inspection results (issue 9 §4): each unit's mean point score per kind, the composite
 * by the city's weights, rank, band and change per ranking group (rules in {@link ResultRules}).
 * Only closed rounds count: a round's results exist once the office closes it.
 * <p>
 * Who reads what: the office and the province (inspection:results) read any period of the city,
 * computed from the closed rounds until the period is published and the frozen copy afterwards.
 * Everyone else reads nothing before publication (404: the results do not exist for them); after
 * it, every account of the city reads the frozen copy, and so does anyone on the public page.
 * <p>
 * Publishing (inspection:publish) is once per period: 409 while a round of the period is open
 * (naming it), 409 when it was published already (a published bulletin is not corrected in place:
 * a correction is a new bulletin issued outside this module), 409 when no round was closed.
 */
@Service
public class InspectionResults {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	/** How many checklist items the bulletin lists as the main problems. */
	public static final int MAIN_FINDINGS = 10;

	/** A published period: the rules it was computed by, the bulletin's number, when and by whom. */
	public record Publication(long id, String period, BigDecimal announcedWeight, BigDecimal unannouncedWeight,
			int minPoints, BigDecimal greenShare, BigDecimal redShare, int inspections, String bulletinNumber,
			Instant publishedAt, String publishedBy) {
	}

	/** A checklist item with deductions in the period: how many findings, how many points in all. */
	public record Finding(String pointType, String category, String item, int findings, BigDecimal deduction) {

		/** The point type's Chinese name (the checklist stores the enum name). */
		public String pointTypeName() {
			try {
				return PointType.valueOf(pointType).chineseName();
			}
			catch (IllegalArgumentException ex) {
				return pointType;
			}
		}

	}

	/**
	 * A period's results as read: the city, the period, the rules they follow, the publication (null
	 * while live), the lines (of one group or all), every ranking group, and the period's open rounds.
	 */
	public record Results(CityView city, PeriodCode period, InspectionRules rules, Publication publication,
			List<ResultLine> lines, List<String> groups, List<String> openRounds) {

		public boolean published() {
			return publication != null;
		}

	}

	private final ResultStore store;

	private final InspectionSettings settings;

	private final Units units;

	private final Cities cities;

	private final DocumentNumbers numbers;

	private final BulletinDocuments bulletins;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final Clock clock;

	public InspectionResults(ResultStore store, InspectionSettings settings, Units units, Cities cities,
			DocumentNumbers numbers, BulletinDocuments bulletins, AuditTrail audit, MessageSource messages, Clock clock) {
		this.store = store;
		this.settings = settings;
		this.units = units;
		this.cities = cities;
		this.numbers = numbers;
		this.bulletins = bulletins;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * The results of a period of the caller's city (province staff name the city), of one ranking
	 * group or all; without a period, the newest with a closed round (for the office) or the newest
	 * published (for everyone else).
	 */
	@Transactional(readOnly = true)
	public Results results(CurrentUser user, String cityCode, String period, String rankingGroup) {
		CityView city = city(user, cityCode);
		boolean office = user.can(Permissions.INSPECTION_RESULTS);
		PeriodCode code = period == null || period.isBlank() ? defaultPeriod(city, office) : parse(period);
		Optional<Publication> publication = store.publication(city.id(), code.text());
		if (publication.isEmpty() && !office) {
			throw new NotFoundException("inspection_publication", code.text());
		}
		return read(city, code, publication.orElse(null), group(rankingGroup));
	}

	/**
	 * The periods of the city with a round (open ones too, so the office sees what keeps a period
	 * from being published) or a publication, newest first.
	 */
	@Transactional(readOnly = true)
	public List<String> periods(CurrentUser user, String cityCode) {
		CityView city = city(user, cityCode);
		if (!user.can(Permissions.INSPECTION_RESULTS)) {
			throw new AccessDeniedException(Permissions.INSPECTION_RESULTS);
		}
		return store.allPeriods(city.id())
			.stream()
			.map(PeriodCode::parse)
			.sorted(Comparator.comparing(PeriodCode::start).reversed().thenComparing(PeriodCode::text))
			.map(PeriodCode::text)
			.toList();
	}

	/**
	 * A published period for anyone (the public page): empty for an unknown city, a period that is
	 * not a code, or one not published.
	 */
	@Transactional(readOnly = true)
	public Optional<Results> published(String cityCode, String period) {
		Optional<CityView> city = cities.byCode(cityCode == null ? "" : cityCode.trim());
		PeriodCode code;
		try {
			code = parse(period);
		}
		catch (InvalidInputException ex) {
			return Optional.empty();
		}
		if (city.isEmpty()) {
			return Optional.empty();
		}
		return store.publication(city.get().id(), code.text()).map(p -> read(city.get(), code, p, null));
	}

	/**
	 * Publishes the period of the caller's city: freezes every unit's line, lists the main problems,
	 * numbers the bulletin and traces it, all in one transaction.
	 */
	@Transactional
	public Results publish(CurrentUser user, String period) {
		if (!user.can(Permissions.INSPECTION_PUBLISH) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.INSPECTION_PUBLISH);
		}
		CityView city = city(user, null);
		PeriodCode code = parse(period);
		if (store.publication(city.id(), code.text()).isPresent()) {
			throw new ConflictException("results.error.published", code.text());
		}
		List<String> open = store.openPlans(city.id(), code.text()).stream().map(ResultStore.PlanName::name).toList();
		if (!open.isEmpty()) {
			throw new ConflictException("results.error.openRounds", code.text(), String.join("、", open));
		}
		int inspections = store.scoredInspections(city.id(), code.text());
		if (inspections == 0) {
			throw new ConflictException("results.error.nothing", code.text());
		}
		InspectionRules rules = settings.rules(city.id());
		List<ResultLine> lines = live(city, code, rules);
		List<Finding> findings = store.mainFindings(city.id(), code.text(), MAIN_FINDINGS);
		Instant now = clock.instant();
		DocumentNumbers.DocumentNumber number = numbers.next(city, DocumentKind.BULLETIN, now.atZone(ZONE).getYear());
		Publication draft = new Publication(0, code.text(), rules.announcedWeight(), rules.unannouncedWeight(),
				rules.minPoints(), rules.greenShare(), rules.redShare(), inspections, number.text(), now, user.username());
		long id;
		try {
			id = store.insert(city.id(), draft, lines, findings);
		}
		catch (DuplicateKeyException ex) {
			// another office user published the period a moment earlier
			throw new ConflictException("results.error.published", code.text());
		}
		audit.record(AuditEntry.of("INSPECTION_RESULTS_PUBLISH")
			.city(city.id())
			.object("inspection_publication", id)
			.change("period", null, code.text())
			.change("bulletin", null, number.text())
			.change("units", null, lines.size())
			.change("ranked", null, lines.stream().filter(l -> l.rank() != null).count())
			.change("inspections", null, inspections));
		Publication publication = store.publication(city.id(), code.text()).orElseThrow();
		return read(city, code, publication, null);
	}

	/**
	 * Every unit's line of a city's period for another module's computation (the evaluation's
	 * inspection source): the frozen lines once published, else computed from the closed rounds.
	 * Not a read for a person: the caller scopes what it shows.
	 */
	@Transactional(readOnly = true)
	public List<ResultLine> lines(CityView city, PeriodCode code) {
		Optional<Publication> publication = store.publication(city.id(), code.text());
		return publication.isPresent() ? store.lines(publication.get().id(), null)
				: live(city, code, settings.rules(city.id()));
	}

	/** The names of the city's open rounds of a period (what keeps it from being closed or published). */
	@Transactional(readOnly = true)
	public List<String> openRounds(long cityId, PeriodCode code) {
		return store.openPlans(cityId, code.text()).stream().map(ResultStore.PlanName::name).toList();
	}

	/** The main problems frozen with a publication. */
	@Transactional(readOnly = true)
	public List<Finding> findings(Results results) {
		return results.published() ? store.findings(results.publication().id()) : List.of();
	}

	/** The period as people say it: 2026年11月, 2026年9—10月. */
	public String periodLabel(PeriodCode code, Locale locale) {
		int first = code.start().getMonthValue();
		return messages.getMessage("results.period." + code.kind().name(),
				new Object[] { String.valueOf(code.start().getYear()), String.valueOf(first), String.valueOf(first + 1) },
				code.text(), locale);
	}

	/** How the composite was computed, in words (for the pages and the bulletin). */
	public String method(InspectionRules rules, Locale locale) {
		return messages.getMessage("results.method",
				new Object[] { plain(rules.announcedWeight()), plain(rules.unannouncedWeight()), rules.minPoints(),
						plain(rules.greenShare()), plain(rules.redShare()) },
				locale);
	}

	/** Writes the bulletin of a published period as PDF; 404 before publication. */
	@Transactional(readOnly = true)
	public void writeBulletin(Results results, OutputStream out) {
		bulletins.write(bulletin(results), out);
	}

	/** The bulletin's download name. */
	public String bulletinFileName(Results results) {
		return messages.getMessage("bulletin.pdf.fileName", new Object[] { published(results).bulletinNumber() },
				Locale.SIMPLIFIED_CHINESE);
	}

	private BulletinDocument bulletin(Results results) {
		Publication p = published(results);
		Locale zh = Locale.SIMPLIFIED_CHINESE;
		Map<String, List<ResultLine>> byGroup = new LinkedHashMap<>();
		results.lines().forEach(l -> byGroup.computeIfAbsent(l.rankingGroup(), g -> new java.util.ArrayList<>()).add(l));
		List<BulletinDocument.Group> groups = byGroup.entrySet()
			.stream()
			.map(e -> new BulletinDocument.Group(groupName(e.getKey(), zh),
					e.getValue().stream().filter(l -> l.rank() != null)
						.map(l -> new BulletinDocument.Line(l.rank(), l.unitName(), score(l.announced()),
								score(l.unannounced()), score(l.composite()),
								messages.getMessage(l.band().messageKey(), null, zh)))
						.toList(),
					e.getValue().stream().filter(l -> l.rank() == null).map(ResultLine::unitName).toList()))
			.toList();
		List<BulletinDocument.Finding> findings = store.findings(p.id())
			.stream()
			.map(f -> new BulletinDocument.Finding(f.pointTypeName(), f.category(), f.item(), f.findings(),
					f.deduction().stripTrailingZeros().toPlainString()))
			.toList();
		return new BulletinDocument(p.bulletinNumber(), bulletins.issuingBody(results.city().name()),
				periodLabel(results.period(), zh), method(results.rules(), zh), p.publishedAt(), groups, findings);
	}

	/** A ranking group's name; units without one are listed as 未分组. */
	public String groupName(String group, Locale locale) {
		return group == null || group.isEmpty() ? messages.getMessage("results.group.none", null, locale) : group;
	}

	private static Publication published(Results results) {
		if (!results.published()) {
			throw new NotFoundException("inspection_publication", results.period().text());
		}
		return results.publication();
	}

	private static String score(BigDecimal value) {
		return value == null ? "—" : value.toPlainString();
	}

	private static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	private Results read(CityView city, PeriodCode code, Publication publication, String group) {
		if (publication != null) {
			InspectionRules rules = new InspectionRules(code.kind(), publication.announcedWeight(),
					publication.unannouncedWeight(), publication.minPoints(), publication.greenShare(),
					publication.redShare(), 0, false, 0);
			return new Results(city, code, rules, publication, store.lines(publication.id(), group),
					store.groups(publication.id()), List.of());
		}
		InspectionRules rules = settings.rules(city.id());
		List<ResultLine> all = live(city, code, rules);
		List<String> groups = all.stream().map(ResultLine::rankingGroup).distinct().sorted().toList();
		List<ResultLine> lines = group == null ? all : all.stream().filter(l -> group.equals(l.rankingGroup())).toList();
		List<String> open = store.openPlans(city.id(), code.text()).stream().map(ResultStore.PlanName::name).toList();
		return new Results(city, code, rules, null, lines, groups, open);
	}

	/** Every line of the period, computed from its closed rounds; the change against the previous period. */
	private List<ResultLine> live(CityView city, PeriodCode code, InspectionRules rules) {
		Map<Long, UnitView> byId = new HashMap<>();
		units.search(DataScope.all(), new UnitQuery(city.code(), null, null, null, null), 100_000)
			.forEach(u -> byId.put(u.id(), u));
		Map<Long, Integer> before = new HashMap<>();
		if (code.hasPrevious()) {
			PeriodCode previous = code.previous();
			Optional<Publication> earlier = store.publication(city.id(), previous.text());
			List<ResultLine> previousLines = earlier.isPresent() ? store.lines(earlier.get().id(), null)
					: ResultRules.rank(rules, figures(city, previous, byId), Map.of());
			previousLines.stream().filter(l -> l.rank() != null).forEach(l -> before.put(l.unitId(), l.rank()));
		}
		return ResultRules.rank(rules, figures(city, code, byId), before);
	}

	private List<ResultRules.UnitFigures> figures(CityView city, PeriodCode code, Map<Long, UnitView> byId) {
		Map<Long, BigDecimal[]> sums = new LinkedHashMap<>();
		Map<Long, int[]> counts = new HashMap<>();
		for (KindFigures f : scores(city.id(), code.text())) {
			int k = f.kind() == PlanKind.ANNOUNCED ? 0 : 1;
			sums.computeIfAbsent(f.unitId(), u -> new BigDecimal[2])[k] = f.sum();
			counts.computeIfAbsent(f.unitId(), u -> new int[2])[k] = f.points();
		}
		return sums.entrySet().stream().map(e -> {
			UnitView unit = byId.get(e.getKey());
			int[] n = counts.get(e.getKey());
			return new ResultRules.UnitFigures(e.getKey(), unit == null ? "" : unit.name(),
					unit == null || unit.rankingGroup() == null ? "" : unit.rankingGroup(), e.getValue()[0], n[0],
					e.getValue()[1], n[1]);
		}).toList();
	}

	/**
	 * The period's scores per unit and kind: the stored ones while they were computed from the
	 * period's present set of closed rounds, else grouped from the inspections.
	 */
	private List<KindFigures> scores(long cityId, String period) {
		String closed = store.closedPlans(cityId, period);
		if (store.storedPlans(cityId, period).filter(closed::equals).isPresent()) {
			return store.storedFigures(cityId, period);
		}
		return store.figures(cityId, period);
	}

	private PeriodCode defaultPeriod(CityView city, boolean office) {
		if (office) {
			return store.periods(city.id())
				.stream()
				.map(PeriodCode::parse)
				.max(Comparator.comparing(PeriodCode::start))
				.orElseGet(() -> PeriodCode.of(settings.rules(city.id()).periodKind(),
						clock.instant().atZone(ZONE).toLocalDate()).previous());
		}
		return store.publishedPeriods(city.id())
			.stream()
			.map(PeriodCode::parse)
			.max(Comparator.comparing(PeriodCode::start))
			.orElseThrow(() -> new NotFoundException("inspection_publication", city.code()));
	}

	/** A month or bimonth code, else 400 on {@code period}. */
	static PeriodCode parse(String period) {
		PeriodCode code = PeriodCode.parse(period);
		if (code.kind() != PeriodCode.Kind.MONTH && code.kind() != PeriodCode.Kind.BIMONTH) {
			throw new InvalidInputException(FieldProblem.of("period", "results.error.period"));
		}
		return code;
	}

	private static String group(String rankingGroup) {
		return rankingGroup == null || rankingGroup.isBlank() ? null : rankingGroup.strip();
	}

	/**
	 * The city whose results the caller reads: its own (a city account), or for province staff
	 * (inspection:results without a city) the one named by code; anyone else 403.
	 */
	private CityView city(CurrentUser user, String cityCode) {
		if (user.cityId() != null) {
			return cities.visible(user.scope())
				.stream()
				.filter(c -> c.id() == user.cityId())
				.findFirst()
				.orElseThrow(() -> new NotFoundException("city", user.cityId()));
		}
		if (!user.can(Permissions.INSPECTION_RESULTS)) {
			throw new AccessDeniedException(Permissions.INSPECTION_RESULTS);
		}
		if (cityCode == null || cityCode.isBlank()) {
			throw new InvalidInputException(FieldProblem.of("cityCode", "results.error.city"));
		}
		return cities.byCode(user.scope(), cityCode.trim()).orElseThrow(() -> new NotFoundException("city", cityCode));
	}

}
