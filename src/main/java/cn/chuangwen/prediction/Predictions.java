package cn.chuangwen.prediction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.documents.ArchiveCoverage;
import cn.chuangwen.indicators.AssessmentMethod;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.inspections.FieldScoreRates;
import cn.chuangwen.inspections.PointType;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.prediction.PredictionFormula.DocumentLeaf;
import cn.chuangwen.prediction.PredictionFormula.FieldLeaf;
import cn.chuangwen.prediction.PredictionFormula.Result;
import cn.chuangwen.prediction.internal.PredictionStore;
import cn.chuangwen.prediction.internal.PredictionStore.DeductionRow;
import cn.chuangwen.prediction.internal.PredictionStore.InputRow;
import cn.chuangwen.prediction.internal.PredictionStore.SnapshotRow;
import cn.chuangwen.prediction.internal.SurveyPart;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * The predicted national score of a city (issue 10 §3), computed on every read from live data: the
 * archive's coverage of the material-review leaves ({@link ArchiveCoverage}), the field score rates
 * of the closed inspection rounds of the last {@value #FIELD_WINDOW_DAYS} days ({@link FieldScoreRates}),
 * the survey part ({@link SurveyPart}) and what the office entered (minors' sub-score, negative list,
 * earlier years of the cycle). The arithmetic is {@link PredictionFormula}; it is an estimate.
 * <p>
 * Who reads: prediction:read; a city account its own city (another city's code is 404), the
 * province the city it names (400 without a code). Who writes the inputs: prediction:write (the
 * city office), for its own city; every change is traced.
 */
@Service
public class Predictions {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	/** Field results count from the inspections of this many days before the moment of the estimate. */
	public static final int FIELD_WINDOW_DAYS = 365;

	/** Weeks the trend shows. */
	public static final int TREND_WEEKS = 26;

	public static final int MAX_ITEM = 200, MAX_REASON = 1000;

	/** The office's inputs as stored (all null and version 0 before the first change). */
	public record Inputs(BigDecimal minorsScore, Integer cycleStartYear, BigDecimal year1Score, BigDecimal year2Score,
			int version, Instant updatedAt, String updatedBy) {

		static final Inputs NONE = new Inputs(null, null, null, null, 0, null, null);

	}

	/** A negative-list deduction (负面清单). */
	public record Deduction(long id, String item, BigDecimal points, String reason, Instant createdAt, String createdBy,
			Instant updatedAt, String updatedBy, int version) {
	}

	/** A change of the inputs; {@code version} is the one read (0 before the first change). */
	public record InputsChange(BigDecimal minorsScore, Integer cycleStartYear, BigDecimal year1Score,
			BigDecimal year2Score, Integer version) {
	}

	/** A deduction as entered. */
	public record DeductionDraft(String item, BigDecimal points, String reason) {
	}

	/** One week of the trend. */
	public record Week(String week, LocalDate weekEnd, BigDecimal total, BigDecimal low, BigDecimal high,
			BigDecimal documents, BigDecimal field, BigDecimal survey, boolean backfilled) {
	}

	/**
	 * A city's prediction as of {@code asOf}: the indicator system it was computed on (null: none),
	 * the numbers, and what the office entered.
	 */
	public record Prediction(CityView city, Instant asOf, IndicatorSystemView system, Result result, Inputs inputs,
			List<Deduction> deductions, int documentLeaves, int fieldLeaves, String surveyMethodKey,
			List<Object> surveyMethodArgs) {

		/** A figure as shown: two decimals, half up. */
		public static BigDecimal shown(double value) {
			return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
		}

	}

	private final Cities cities;

	private final IndicatorSystems indicators;

	private final ArchiveCoverage archive;

	private final FieldScoreRates rates;

	private final SurveyPart survey;

	private final PredictionStore store;

	private final AuditTrail audit;

	private final Clock clock;

	public Predictions(Cities cities, IndicatorSystems indicators, ArchiveCoverage archive, FieldScoreRates rates,
			SurveyPart survey, PredictionStore store, AuditTrail audit, Clock clock) {
		this.cities = cities;
		this.indicators = indicators;
		this.archive = archive;
		this.rates = rates;
		this.survey = survey;
		this.store = store;
		this.audit = audit;
		this.clock = clock;
	}

	/** The prediction of the caller's city (or, for the province, the city named), now. */
	@Transactional(readOnly = true)
	public Prediction predict(CurrentUser user, String cityCode) {
		return compute(city(user, cityCode), clock.instant());
	}

	/** The weekly snapshots of the city, oldest first (the last {@value #TREND_WEEKS} weeks). */
	@Transactional(readOnly = true)
	public List<Week> trend(CurrentUser user, String cityCode) {
		CityView city = city(user, cityCode);
		return store.snapshots(city.id(), TREND_WEEKS)
			.stream()
			.map(s -> new Week(s.week(), s.weekEnd(), s.total(), s.low(), s.high(), s.documents(), s.field(),
					s.survey(), s.backfilled()))
			.toList();
	}

	/** The cities the caller may pick (the province); a city account has its own only. */
	@Transactional(readOnly = true)
	public List<CityView> cities(CurrentUser user) {
		read(user);
		return cities.visible(user.scope());
	}

	/**
	 * The city whose prediction the caller reads: its own (a city account; another city's code is
	 * 404), or for the province the one named by code (400 without one, 404 for an unknown one).
	 */
	public CityView city(CurrentUser user, String cityCode) {
		read(user);
		String code = cityCode == null || cityCode.isBlank() ? null : cityCode.strip();
		if (user.cityId() != null) {
			if (code != null && !code.equals(user.cityCode())) {
				throw new NotFoundException("city", code);
			}
			return cities.visible(user.scope())
				.stream()
				.filter(c -> c.id() == user.cityId())
				.findFirst()
				.orElseThrow(() -> new NotFoundException("city", user.cityId()));
		}
		if (code == null) {
			throw new InvalidInputException(FieldProblem.of("cityCode", "prediction.error.city"));
		}
		return cities.byCode(user.scope(), code).orElseThrow(() -> new NotFoundException("city", code));
	}

	private static void read(CurrentUser user) {
		if (user == null || !user.can(Permissions.PREDICTION_READ)) {
			throw new AccessDeniedException(Permissions.PREDICTION_READ);
		}
	}

	/** The city's prediction as of {@code asOf}, from the data as it stood then (inputs as they are). */
	Prediction compute(CityView city, Instant asOf) {
		DataScope scope = new DataScope(DataScope.Kind.CITY, city.id(), null, null);
		Optional<IndicatorSystemView> system = indicators.currentOfCity(scope, city.code());
		List<DocumentLeaf> documents = new ArrayList<>();
		List<FieldLeaf> field = new ArrayList<>();
		if (system.isPresent()) {
			List<IndicatorView> leaves = indicators.leaves(scope, system.get().id());
			Set<Long> covered = archive.covered(scope, city.id(), system.get().id(), asOf);
			List<FieldScoreRates.Group> groups = rates.groups(scope, city.id(),
					asOf.minus(Duration.ofDays(FIELD_WINDOW_DAYS)), asOf);
			for (IndicatorView leaf : leaves) {
				double weight = leaf.score() == null ? 0 : leaf.score().doubleValue();
				if (leaf.methods().contains(AssessmentMethod.DOCUMENT_REVIEW)) {
					documents.add(new DocumentLeaf(leaf.code(), leaf.name(), weight, covered.contains(leaf.id())));
				}
				if (leaf.methods().contains(AssessmentMethod.FIELD_CHECK)) {
					field.add(fieldLeaf(leaf, weight, groups));
				}
			}
		}
		Inputs inputs = inputs(city.id());
		List<Deduction> deductions = deductions(city.id());
		double deducted = deductions.stream().mapToDouble(d -> d.points().doubleValue()).sum();
		LocalDate day = LocalDate.ofInstant(asOf, ZONE);
		int year = day.getYear();
		SurveyPart.Estimate surveyPart = survey.estimate(city.id(), day);
		Result result = PredictionFormula.compute(new PredictionFormula.Inputs(documents, field,
				surveyPart.part(), dbl(inputs.minorsScore()), deducted, inputs.cycleStartYear(), year,
				dbl(inputs.year1Score()), dbl(inputs.year2Score())));
		return new Prediction(city, asOf, system.orElse(null), result, inputs, deductions, documents.size(), field.size(),
				surveyPart.methodKey(), surveyPart.methodArgs());
	}

	/**
	 * A field-check leaf's score rate: from the checklist items that name the leaf when there are
	 * results of such items, otherwise from every item of the leaf's point types; null (unknown)
	 * when neither has results.
	 */
	static FieldLeaf fieldLeaf(IndicatorView leaf, double weight, List<FieldScoreRates.Group> groups) {
		List<FieldScoreRates.Group> named = groups.stream()
			.filter(g -> g.indicatorId() != null && g.indicatorId() == leaf.id())
			.toList();
		List<FieldScoreRates.Group> used = named;
		if (named.isEmpty()) {
			List<PointType> types = leaf.pointTypes().stream().flatMap(t -> PointType.parse(t).stream()).toList();
			used = groups.stream().filter(g -> types.contains(g.pointType())).toList();
		}
		double deducted = used.stream().mapToDouble(g -> g.deducted().doubleValue()).sum();
		double possible = used.stream().mapToDouble(g -> g.possible().doubleValue()).sum();
		long failing = used.stream().mapToLong(FieldScoreRates.Group::failingPoints).sum();
		long points = used.stream().mapToLong(FieldScoreRates.Group::points).sum();
		Double rate = possible > 0 ? Double.valueOf(1 - deducted / possible) : null;
		return new FieldLeaf(leaf.code(), leaf.name(), weight, rate, failing, points);
	}

	private static Double dbl(BigDecimal value) {
		return value == null ? null : value.doubleValue();
	}

	private Inputs inputs(long cityId) {
		return store.inputs(cityId)
			.map(r -> new Inputs(r.minorsScore(), r.cycleStartYear(), r.year1Score(), r.year2Score(), r.version(),
					r.updatedAt(), r.updatedBy()))
			.orElse(Inputs.NONE);
	}

	private List<Deduction> deductions(long cityId) {
		return store.deductions(cityId).stream().map(Predictions::deduction).toList();
	}

	private static Deduction deduction(DeductionRow r) {
		return new Deduction(r.id(), r.item(), r.points(), r.reason(), r.createdAt(), r.createdBy(), r.updatedAt(),
				r.updatedBy(), r.version());
	}

	// ---- the office's inputs ----

	/** The caller's city's inputs (prediction:write). */
	@Transactional(readOnly = true)
	public Inputs inputs(CurrentUser user) {
		return inputs(writableCity(user));
	}

	/** The caller's city's deductions (prediction:write), in the order entered. */
	@Transactional(readOnly = true)
	public List<Deduction> deductions(CurrentUser user) {
		return deductions(writableCity(user));
	}

	/** One deduction of the caller's city, or 404. */
	@Transactional(readOnly = true)
	public Deduction deduction(CurrentUser user, long id) {
		long city = writableCity(user);
		return store.deduction(city, id).map(Predictions::deduction).orElseThrow(() -> new NotFoundException("deduction", id));
	}

	/**
	 * Changes the inputs: the minors' score and the earlier years' scores 0 to 100 (or empty), the
	 * cycle's first year this year or one of the two before (or empty); 400 with every problem,
	 * 409 when someone changed them first. Traced with the values before and after.
	 */
	@Transactional
	public Inputs change(CurrentUser user, InputsChange change) {
		long city = writableCity(user);
		List<FieldProblem> bad = new ArrayList<>();
		score(bad, "minorsScore", change.minorsScore());
		score(bad, "year1Score", change.year1Score());
		score(bad, "year2Score", change.year2Score());
		int year = LocalDate.now(clock.withZone(ZONE)).getYear();
		if (change.cycleStartYear() != null
				&& (change.cycleStartYear() < year - 2 || change.cycleStartYear() > year)) {
			bad.add(FieldProblem.of("cycleStartYear", "prediction.error.cycleStart", year - 2, year));
		}
		if (change.version() == null) {
			bad.add(FieldProblem.of("version", "prediction.error.required"));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		Inputs before = inputs(city);
		InputRow row = new InputRow(change.minorsScore(), change.cycleStartYear(), change.year1Score(),
				change.year2Score(), change.version(), clock.instant(), user.username());
		boolean saved = before.version() == 0 && change.version() == 0 ? store.insertInputs(city, row)
				: store.updateInputs(city, row);
		if (!saved) {
			throw new ConflictException("error.conflict");
		}
		audit.record(AuditEntry.of("PREDICTION_INPUTS_CHANGE")
			.city(city)
			.object("prediction_input", city)
			.actor(user.username(), user.unitId())
			.change("minorsScore", plain(before.minorsScore()), plain(change.minorsScore()))
			.change("cycleStartYear", before.cycleStartYear(), change.cycleStartYear())
			.change("year1Score", plain(before.year1Score()), plain(change.year1Score()))
			.change("year2Score", plain(before.year2Score()), plain(change.year2Score())));
		return inputs(city);
	}

	/** Enters a deduction: item and reason required, points above 0 and at most 100. Traced. */
	@Transactional
	public Deduction addDeduction(CurrentUser user, DeductionDraft draft) {
		long city = writableCity(user);
		check(draft);
		long id = store.insertDeduction(city, draft.item().strip(), draft.points(), draft.reason().strip(),
				clock.instant(), user.username());
		audit.record(AuditEntry.of("PREDICTION_DEDUCTION_ADD")
			.city(city)
			.object("prediction_deduction", id)
			.actor(user.username(), user.unitId())
			.change("item", null, draft.item().strip())
			.change("points", null, plain(draft.points()))
			.change("reason", null, draft.reason().strip()));
		return store.deduction(city, id).map(Predictions::deduction).orElseThrow();
	}

	/** Changes a deduction from {@code version}; 404 outside the city, 409 when changed first. Traced. */
	@Transactional
	public Deduction updateDeduction(CurrentUser user, long id, Integer version, DeductionDraft draft) {
		long city = writableCity(user);
		Deduction before = deduction(user, id);
		check(draft);
		if (version == null || !store.updateDeduction(city, id, version, new PredictionStore.DeductionFields(
				draft.item().strip(), draft.points(), draft.reason().strip()), clock.instant(), user.username())) {
			throw new ConflictException("error.conflict");
		}
		audit.record(AuditEntry.of("PREDICTION_DEDUCTION_UPDATE")
			.city(city)
			.object("prediction_deduction", id)
			.actor(user.username(), user.unitId())
			.change("item", before.item(), draft.item().strip())
			.change("points", plain(before.points()), plain(draft.points()))
			.change("reason", before.reason(), draft.reason().strip()));
		return deduction(user, id);
	}

	/** Removes a deduction; 404 outside the city. Traced with what it was. */
	@Transactional
	public void removeDeduction(CurrentUser user, long id) {
		long city = writableCity(user);
		Deduction before = deduction(user, id);
		store.deleteDeduction(city, id);
		audit.record(AuditEntry.of("PREDICTION_DEDUCTION_REMOVE")
			.city(city)
			.object("prediction_deduction", id)
			.actor(user.username(), user.unitId())
			.change("item", before.item(), null)
			.change("points", plain(before.points()), null)
			.change("reason", before.reason(), null));
	}

	private static void check(DeductionDraft draft) {
		List<FieldProblem> bad = new ArrayList<>();
		text(bad, "item", draft.item(), MAX_ITEM);
		text(bad, "reason", draft.reason(), MAX_REASON);
		if (draft.points() == null) {
			bad.add(FieldProblem.of("points", "prediction.error.required"));
		}
		else if (draft.points().signum() <= 0 || draft.points().compareTo(BigDecimal.valueOf(100)) > 0
				|| draft.points().scale() > 3) {
			bad.add(FieldProblem.of("points", "prediction.error.points"));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
	}

	private static void text(List<FieldProblem> bad, String field, String value, int max) {
		if (value == null || value.isBlank()) {
			bad.add(FieldProblem.of(field, "prediction.error.required"));
		}
		else if (value.strip().length() > max) {
			bad.add(FieldProblem.of(field, "prediction.error.tooLong", max));
		}
	}

	private static void score(List<FieldProblem> bad, String field, BigDecimal value) {
		if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0 || value.scale() > 3)) {
			bad.add(FieldProblem.of(field, "prediction.error.score"));
		}
	}

	private static String plain(BigDecimal value) {
		return value == null ? null : value.stripTrailingZeros().toPlainString();
	}

	private static long writableCity(CurrentUser user) {
		if (user == null || !user.can(Permissions.PREDICTION_WRITE) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.PREDICTION_WRITE);
		}
		return user.cityId();
	}

	// ---- weekly snapshots ----

	/** The ISO week code of a day: {@code 2026-W48}. */
	public static String week(LocalDate day) {
		return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

	/**
	 * Stores, for every city, the prediction at the end of the ISO week holding {@code day} (its
	 * Sunday, midnight Asia/Shanghai), unless the city has that week already: running twice stores
	 * nothing new. Returns how many cities got a snapshot.
	 */
	@Transactional
	public int snapshotWeek(LocalDate day, boolean backfilled) {
		LocalDate sunday = day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
		Instant end = sunday.plusDays(1).atStartOfDay(ZONE).toInstant();
		Instant asOf = end.isAfter(clock.instant()) ? clock.instant() : end;
		String week = week(sunday);
		int stored = 0;
		for (CityView city : cities.visible(DataScope.all())) {
			if (store.hasSnapshot(city.id(), week)) {
				continue;
			}
			Prediction p = compute(city, asOf);
			Result r = p.result();
			SnapshotRow row = new SnapshotRow(week, sunday, Prediction.shown(r.total()), Prediction.shown(r.low()),
					Prediction.shown(r.high()), Prediction.shown(r.documents().point()),
					Prediction.shown(r.field().point()), Prediction.shown(r.survey().point()),
					p.inputs().minorsScore(), Prediction.shown(r.deductions()), clock.instant(), backfilled);
			if (store.insertSnapshot(city.id(), row)) {
				stored++;
			}
		}
		return stored;
	}

	/** True when no snapshot exists yet (the demo backfills a history then). */
	@Transactional(readOnly = true)
	public boolean noSnapshots() {
		return !store.anySnapshot();
	}

}
