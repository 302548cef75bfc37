package cn.chuangwen.publicity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.files.Upload;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditEventView;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.publicity.internal.OutletStore;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.Decimals;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * Media outlets and their public-service-ad quota (公益广告, X9, issue 12 §4): the office records
 * the city's outlets, each run by a unit of the city; each month the liaisons of that unit report
 * what the outlet ran (total and public-service amount in the outlet's measure, with evidence: images
 * or PDF); the month's compliance list shows every outlet's share, an outlet short of one third or
 * without a report being a shortfall. Reads are scoped: the office and leaders their city, the
 * province every city, a liaison its own unit's outlets (another unit's outlet is 404). A second
 * report of a month is a conflict (409) unless it gives a correction reason: then it replaces the
 * figures, the earlier ones kept in the trace.
 */
@Service
public class MediaOutlets {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	public static final int MAX_NAME = 100;

	public static final int MAX_FILES = 5;

	public static final int MAX_REASON = 500;

	/** Amounts: at most this many digits before the point (a billion minutes is no outlet's month). */
	static final int AMOUNT_DIGITS = 9;

	/** Reports as far back as this are accepted (and listed). */
	static final YearMonth EARLIEST = YearMonth.of(2000, 1);

	/** A month's report as typed (text, so a wrong value can be named and shown back). */
	public record ReportDraft(String month, String adAmount, String totalAmount, String reason) {
	}

	private final OutletStore store;

	private final Units units;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final Clock clock;

	public MediaOutlets(OutletStore store, Units units, EvidenceStore files, AuditTrail audit, Clock clock) {
		this.store = store;
		this.units = units;
		this.files = files;
		this.audit = audit;
		this.clock = clock;
	}

	public YearMonth thisMonth() {
		return YearMonth.now(clock.withZone(ZONE));
	}

	/** The month outlets report now, and the lists open on: the last one, complete. */
	public YearMonth lastMonth() {
		return thisMonth().minusMonths(1);
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(ZONE));
	}

	// --- reading

	@Transactional(readOnly = true)
	public Page<OutletView> page(CurrentUser user, PageRequest page) {
		PublicityAccess.reader(user);
		ScopeSql scope = ScopeSql.of(user.scope());
		return Page.read(page, () -> store.page(scope, page), () -> store.count(scope));
	}

	/** One outlet in the reader's scope; 404 otherwise (another unit's outlet for a liaison). */
	@Transactional(readOnly = true)
	public OutletView get(CurrentUser user, long id) {
		PublicityAccess.reader(user);
		return store.find(ScopeSql.of(user.scope()), id).orElseThrow(() -> new NotFoundException("mediaOutlet", id));
	}

	/** An outlet's reports, newest month first (the last two years). */
	@Transactional(readOnly = true)
	public List<OutletReport> reports(CurrentUser user, long id) {
		return store.reports(get(user, id).id(), 24);
	}

	@Transactional(readOnly = true)
	public List<AuditEventView> history(CurrentUser user, long id) {
		return audit.historyOf("mediaOutlet", String.valueOf(get(user, id).id()), 100);
	}

	/**
	 * A month's compliance list over the outlets in scope: each with its report of the month or none;
	 * shortfalls (not reported, then short of a third) first; {@code shortfallOnly} lists only them.
	 */
	@Transactional(readOnly = true)
	public Page<ComplianceRow> compliance(CurrentUser user, YearMonth month, boolean shortfallOnly, PageRequest page) {
		PublicityAccess.reader(user);
		ScopeSql scope = ScopeSql.of(user.scope());
		return Page.read(page, () -> store.compliance(scope, month, shortfallOnly, page),
				() -> store.complianceCount(scope, month, shortfallOnly)).mapAll(this::withFiles);
	}

	/** An evidence file of one of the outlet's reports, for a reader of the outlet. */
	@Transactional(readOnly = true)
	public StoredFile evidence(CurrentUser user, long id, long fileId) {
		OutletView o = get(user, id);
		if (!store.hasEvidence(o.id(), fileId)) {
			throw new NotFoundException("file", fileId);
		}
		return files.find(fileId).orElseThrow(() -> new NotFoundException("file", fileId));
	}

	/** Whether the user reports for this outlet (a liaison whose scope holds the outlet's unit). */
	public boolean reportsFor(CurrentUser user, OutletView outlet) {
		return user.can(Permissions.PUBLICITY_REPORT) && user.cityId() != null && user.cityId() == outlet.cityId();
	}

	// --- writing

	/** Records an outlet of the office's city; 400 naming each wrong field, nothing stored. */
	@Transactional
	public OutletView create(CurrentUser user, OutletDraft d) {
		long cityId = PublicityAccess.office(user);
		List<FieldProblem> bad = new ArrayList<>();
		String name = trim(d.name());
		if (name == null) {
			bad.add(FieldProblem.of("name", "outlet.error.name.required"));
		}
		else if (name.length() > MAX_NAME) {
			bad.add(FieldProblem.of("name", "outlet.error.name.tooLong", MAX_NAME));
		}
		else if (store.nameTaken(cityId, name)) {
			bad.add(FieldProblem.of("name", "outlet.error.name.taken"));
		}
		OutletKind kind = parse(OutletKind.class, d.kind(), "kind", bad);
		// no measure given: the kind's usual one (nothing to say about it while the kind is wrong)
		OutletMeasure measure = trim(d.measure()) != null ? parse(OutletMeasure.class, d.measure(), "measure", bad)
				: kind == null ? null : kind.usualMeasure();
		UnitView unit = null;
		if (d.unitId() == null) {
			bad.add(FieldProblem.of("unitId", "outlet.error.unit.required"));
		}
		else {
			unit = units.find(user.scope(), d.unitId()).filter(u -> u.cityId() == cityId && u.active()).orElse(null);
			if (unit == null) {
				bad.add(FieldProblem.of("unitId", "outlet.error.unit.unknown"));
			}
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		long id = store.insert(new OutletStore.NewOutlet(cityId, unit.id(), name, kind, measure), user.username(), now());
		audit.record(AuditEntry.of("OUTLET_CREATE")
			.city(cityId)
			.object("mediaOutlet", id)
			.change("name", null, name)
			.change("outletKind", null, kind.name())
			.change("measure", null, measure.name())
			.change("unit", null, unit.name()));
		return get(user, id);
	}

	/**
	 * A month's report by a liaison of the outlet's unit: 400 naming each wrong field (month missing,
	 * malformed or in the future; amounts missing, not numbers, negative, a total of 0, public-service
	 * above the total; no evidence, more than {@value #MAX_FILES} files, a file that is not an image or
	 * PDF), nothing stored then. A month reported already: 409, or with {@code reason} a correction.
	 */
	@Transactional
	public OutletReport report(CurrentUser user, long id, ReportDraft d, List<Upload> uploads) {
		if (!user.can(Permissions.PUBLICITY_REPORT)) {
			throw new AccessDeniedException("publicity:report");
		}
		OutletView o = get(user, id);
		if (!reportsFor(user, o)) {
			throw new NotFoundException("mediaOutlet", id);
		}
		List<FieldProblem> bad = new ArrayList<>();
		YearMonth month = month(d.month(), "month", bad);
		if (month != null && month.isAfter(thisMonth())) {
			bad.add(FieldProblem.of("month", "outlet.error.month.future"));
		}
		BigDecimal ad = amount(d.adAmount(), "adAmount", bad);
		BigDecimal total = amount(d.totalAmount(), "totalAmount", bad);
		if (total != null && total.signum() == 0) {
			bad.add(FieldProblem.of("totalAmount", "outlet.error.total.zero"));
		}
		else if (ad != null && total != null && ad.compareTo(total) > 0) {
			bad.add(FieldProblem.of("adAmount", "outlet.error.ad.aboveTotal"));
		}
		String reason = trim(d.reason());
		if (reason != null && reason.length() > MAX_REASON) {
			bad.add(FieldProblem.of("reason", "outlet.error.reason.tooLong", MAX_REASON));
		}
		List<Upload> given = uploads == null ? List.of() : uploads;
		if (given.size() > MAX_FILES) {
			bad.add(FieldProblem.of(EvidenceStore.FIELD, "outlet.error.files.tooMany", MAX_FILES));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		store.lock(id);
		OutletReport before = store.report(id, month).orElse(null);
		if (before != null && reason == null) {
			throw new ConflictException("outlet.error.report.exists", month.toString());
		}
		if (before == null && given.isEmpty()) {
			throw new InvalidInputException(FieldProblem.of(EvidenceStore.FIELD, "outlet.error.files.required"));
		}
		List<StoredFile> stored = new ArrayList<>();
		for (Upload u : given) {
			StoredFile f = files.store(o.cityId(), user.username(), u.name(), u.content());
			// the files module accepts office documents too; a report's evidence is a screenshot, photo or PDF
			if (!f.kind().mayShowInline()) {
				throw new InvalidInputException(FieldProblem.of(EvidenceStore.FIELD, "outlet.error.files.kind", f.name()));
			}
			stored.add(f);
		}
		Instant now = now();
		OutletStore.NewReport row = new OutletStore.NewReport(id, o.cityId(), month, ad, total, user.username());
		long reportId;
		AuditEntry entry;
		if (before == null) {
			reportId = store.insertReport(row, now);
			entry = AuditEntry.of("OUTLET_REPORT")
				.change("adAmount", null, ad.toPlainString())
				.change("totalAmount", null, total.toPlainString());
		}
		else {
			reportId = before.id();
			store.correctReport(reportId, row, reason, now);
			entry = AuditEntry.of("OUTLET_REPORT_CORRECT")
				.reason(reason)
				.change("adAmount", before.adAmount().toPlainString(), ad.toPlainString())
				.change("totalAmount", before.totalAmount().toPlainString(), total.toPlainString());
		}
		for (StoredFile f : stored) {
			store.addFile(reportId, f.id());
			entry.change("evidence", null, f.name() + " #" + f.id());
		}
		boolean compliant = ShareRule.compliant(ad, total);
		audit.record(entry.city(o.cityId())
			.object("mediaOutlet", id)
			.change("month", null, month.toString())
			.change("compliant", before == null ? null : before.compliant(), compliant));
		return store.report(id, month).orElseThrow();
	}

	// --- checks

	/** A month as {@code yyyy-MM}, not before 2000; null (and a problem on {@code field}) otherwise. */
	public static YearMonth month(String text, String field, List<FieldProblem> bad) {
		String t = trim(text);
		if (t == null) {
			bad.add(FieldProblem.of(field, "outlet.error.month.required"));
			return null;
		}
		try {
			YearMonth m = t.matches("[0-9]{4}-[0-9]{2}") ? YearMonth.parse(t) : null;
			if (m != null && !m.isBefore(EARLIEST)) {
				return m;
			}
		}
		catch (DateTimeParseException ex) {
			// named below
		}
		bad.add(FieldProblem.of(field, "outlet.error.month.invalid"));
		return null;
	}

	/** An amount in the outlet's measure: a number, not negative, at most two decimals. */
	private static BigDecimal amount(String text, String field, List<FieldProblem> bad) {
		Decimals.Result r = Decimals.read(text, AMOUNT_DIGITS, 2);
		if (r == null) {
			bad.add(FieldProblem.of(field, "outlet.error.amount.required"));
			return null;
		}
		if (!r.ok() || r.value().signum() < 0) {
			bad.add(FieldProblem.of(field, "outlet.error.amount.invalid"));
			return null;
		}
		return r.value().setScale(2, RoundingMode.UNNECESSARY);
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String text, String field, List<FieldProblem> bad) {
		String t = trim(text);
		if (t == null) {
			bad.add(FieldProblem.of(field, "outlet.error." + field + ".required"));
			return null;
		}
		try {
			return Enum.valueOf(type, t.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			bad.add(FieldProblem.of(field, "outlet.error." + field + ".invalid"));
			return null;
		}
	}

	// --- helpers

	private List<ComplianceRow> withFiles(List<ComplianceRow> rows) {
		List<OutletReport> reports = store.withFiles(rows.stream().map(ComplianceRow::report)
			.filter(r -> r != null)
			.toList());
		return rows.stream()
			.map(row -> row.report() == null ? row
					: new ComplianceRow(row.outlet(),
							reports.stream().filter(r -> r.id() == row.report().id()).findFirst().orElse(row.report())))
			.toList();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	static String trim(String s) {
		if (s == null) {
			return null;
		}
		String t = s.strip();
		return t.isEmpty() ? null : t;
	}

}
