package cn.chuangwen.projects;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

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
import cn.chuangwen.projects.internal.FundStore;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * Creation funds (创建经费, issue 12 §2, T4). The office sets the city's budget of a year and allocates
 * it to key projects and units (never past the budget); spending entries carry an invoice scan each,
 * warn from 90 % of their allocation and are refused past 100 % (with the figures); past that only an
 * increase helps: the office asks (amount, reason), a city leader ({@code project:approve}, never the
 * one who asked) approves or rejects it once, and an approved increase raises the allocation, still
 * within the budget. A key project's budget is its allocation of the current year: {@link Projects}
 * sets it and records its spending through here. Reads: the office and leaders their city, a unit
 * liaison its unit's allocations only (others 404). Every change is traced.
 */
@Service
public class Funds {

	/** How far back and ahead of this year a budget year may be. */
	public static final int YEARS_BACK = 5;

	public static final int YEARS_AHEAD = 1;

	public static final int MAX_REASON = 500;

	/** A stored spending entry and what it means for its allocation. */
	public record Spent(FundAllocation allocation, long spendingId, BudgetRule.Outcome outcome) {
	}

	/** One allocation with its spending, increases and history. */
	public record Detail(FundAllocation allocation, List<ProjectDetail.Spending> spending, List<FundIncrease> increases,
			List<AuditEventView> history) {
	}

	private final FundStore store;

	private final Units units;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final Clock clock;

	public Funds(FundStore store, Units units, EvidenceStore files, AuditTrail audit, Clock clock) {
		this.store = store;
		this.units = units;
		this.files = files;
		this.audit = audit;
		this.clock = clock;
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(Projects.ZONE));
	}

	/** The current budget year: a key project's budget is its allocation of this year. */
	public int year() {
		return today().getYear();
	}

	// --- reading

	/** The reader's view of the city's funds of a year (blank: this year); 400 on {@code year} out of range. */
	@Transactional(readOnly = true)
	public FundsYear year(CurrentUser user, String yearText) {
		long cityId = readerCity(user);
		int year = year(yearText);
		ScopeSql scope = ScopeSql.of(user.scope());
		boolean whole = !scope.restrictsUnits();
		return new FundsYear(year, cityId, whole ? store.budget(cityId, year).orElse(null) : null,
				store.allocations(scope, year), store.pending(scope, year));
	}

	@Transactional(readOnly = true)
	public Detail detail(CurrentUser user, long id) {
		FundAllocation a = find(user, id);
		return new Detail(a, store.spending(id), store.increases(id),
				audit.historyOf("fund_allocation", String.valueOf(id), 100));
	}

	/** A spending entry's evidence file, for a reader of its allocation. */
	@Transactional(readOnly = true)
	public StoredFile evidence(CurrentUser user, long id, long fileId) {
		find(user, id);
		if (!store.hasEvidence(id, fileId)) {
			throw new NotFoundException("file", fileId);
		}
		return files.find(fileId).orElseThrow(() -> new NotFoundException("file", fileId));
	}

	/** Every spending entry of a key project, whatever the year. */
	List<ProjectDetail.Spending> projectSpending(long projectId) {
		return store.projectSpending(projectId);
	}

	boolean projectHasEvidence(long projectId, long fileId) {
		return store.projectHasEvidence(projectId, fileId);
	}

	// --- the budget and allocations

	/** Sets the city's budget of a year; never below what is allocated (400 with the figures). */
	@Transactional
	public FundsYear setBudget(CurrentUser user, String yearText, String amountText) {
		long cityId = officeCity(user);
		List<FieldProblem> bad = new ArrayList<>();
		Integer year = year(yearText, bad);
		BigDecimal amount = Projects.amount("amount", amountText, false, bad);
		check(bad);
		BigDecimal before = store.lockBudget(cityId, year).orElse(null);
		BigDecimal allocated = store.allocated(cityId, year, null);
		if (amount.compareTo(allocated) < 0) {
			throw new InvalidInputException(FieldProblem.of("amount", "fund.error.budget.belowAllocated",
					plain(allocated), plain(amount)));
		}
		store.saveBudget(cityId, year, amount, user.username(), now());
		audit.record(AuditEntry.of("FUND_BUDGET_SET")
			.city(cityId)
			.object("fund_budget", cityId + "-" + year)
			.change("year", null, year)
			.change("budget", before == null ? null : plain(before), plain(amount)));
		return year(user, String.valueOf(year));
	}

	/**
	 * Allocates part of a year's budget to one key project or one unit of the city (exactly one; once a
	 * year each). 400 naming the field; 400 on {@code amount} with the figures past the budget.
	 */
	@Transactional
	public FundAllocation allocate(CurrentUser user, String yearText, Long projectId, Long unitId, String amountText,
			String noteText) {
		long cityId = officeCity(user);
		List<FieldProblem> bad = new ArrayList<>();
		Integer year = year(yearText, bad);
		BigDecimal amount = Projects.amount("amount", amountText, false, bad);
		String note = note("note", noteText, bad);
		String target = null;
		if ((projectId == null) == (unitId == null)) {
			bad.add(FieldProblem.of("projectId", "fund.error.target.one"));
		}
		else if (projectId != null) {
			target = projectName(cityId, projectId);
			if (target == null) {
				bad.add(FieldProblem.of("projectId", "fund.error.project.unknown"));
			}
		}
		else {
			target = units.findAll(user.scope(), List.of(unitId))
				.stream()
				.filter(u -> u.cityId() == cityId && u.active())
				.map(UnitView::name)
				.findFirst()
				.orElse(null);
			if (target == null) {
				bad.add(FieldProblem.of("unitId", "fund.error.unit.unknown"));
			}
		}
		check(bad);
		if (store.allocated(year, projectId, unitId)) {
			throw new InvalidInputException(FieldProblem.of(projectId != null ? "projectId" : "unitId",
					"fund.error.target.allocated", year));
		}
		fits(cityId, year, null, amount);
		long id = store.insert(new FundStore.NewAllocation(cityId, year, projectId, unitId, amount, note),
				user.username(), now());
		audit.record(AuditEntry.of("FUND_ALLOCATE")
			.city(cityId)
			.object("fund_allocation", id)
			.change("year", null, year)
			.change(projectId != null ? "project" : "unit", null, target)
			.change("allocation", null, plain(amount)));
		return find(user, id);
	}

	/** Changes an allocation's amount and note: never below what was spent, never past the budget. */
	@Transactional
	public FundAllocation updateAllocation(CurrentUser user, long id, String amountText, String noteText) {
		FundAllocation a = managed(user, id);
		List<FieldProblem> bad = new ArrayList<>();
		BigDecimal amount = Projects.amount("amount", amountText, false, bad);
		String note = note("note", noteText, bad);
		check(bad);
		store.lock(id);
		FundAllocation locked = managed(user, id);
		if (amount.compareTo(locked.spent()) < 0) {
			throw new InvalidInputException(FieldProblem.of("amount", "fund.error.allocation.belowSpent",
					plain(locked.spent())));
		}
		fits(a.cityId(), a.year(), id, amount);
		store.update(id, amount, note, now());
		AuditEntry entry = AuditEntry.of("FUND_ALLOCATION_UPDATE").city(a.cityId()).object("fund_allocation", id);
		if (locked.amount().compareTo(amount) != 0) {
			entry.change("allocation", plain(locked.amount()), plain(amount));
		}
		if (!java.util.Objects.equals(locked.note(), note)) {
			entry.change("note", locked.note(), note);
		}
		audit.record(entry);
		return find(user, id);
	}

	/**
	 * Sets a key project's allocation of the current year to its budget (from the project form or
	 * API): 400 on {@code budget} with the figures past the city's budget. No allocation is made for
	 * a zero budget. The caller checked the project is the office's and traces the budget change.
	 */
	void setProjectBudget(CurrentUser user, long cityId, long projectId, BigDecimal budget) {
		int year = year();
		FundAllocation a = store.projectAllocation(projectId, year).orElse(null);
		if (a == null && budget.signum() == 0) {
			return;
		}
		if (a != null && a.amount().compareTo(budget) == 0) {
			return;
		}
		store.lockBudget(cityId, year);
		BigDecimal available = store.budget(cityId, year).orElse(BigDecimal.ZERO);
		BigDecimal others = store.allocated(cityId, year, a == null ? null : a.id());
		if (others.add(budget).compareTo(available) > 0) {
			throw new PastBudgetException("budget", year, available, others, budget);
		}
		if (a == null) {
			store.insert(new FundStore.NewAllocation(cityId, year, projectId, null, budget, null), user.username(), now());
		}
		else {
			store.update(a.id(), budget, a.note(), now());
		}
	}

	// --- spending

	/** A spending entry against an allocation of the office's city; see {@link #spend(CurrentUser, FundAllocation, Entry)}. */
	@Transactional
	public Spent addSpending(CurrentUser user, long id, Entry entry) {
		return spend(user, managed(user, id), entry);
	}

	/** What a spending entry was sent with (strings as typed, one upload expected). */
	public record Entry(String amount, String note, String date, List<Upload> uploads) {
	}

	/**
	 * A key project's spending entry: against its allocation of the entry's year (none: refused as past
	 * a zero budget, with the figures).
	 */
	Spent spendOnProject(CurrentUser user, ProjectView p, Entry entry) {
		Checked c = checkEntry(entry);
		FundAllocation a = store.projectAllocation(p.id(), c.on().getYear()).orElse(null);
		if (a == null) {
			throw new OverBudgetException(BigDecimal.ZERO, BigDecimal.ZERO, c.amount());
		}
		return record(user, a, c, entry);
	}

	/**
	 * Stores one spending entry with its evidence (exactly one file, checked by the files module): 400
	 * naming each wrong field; 400 with the figures when it would pass the allocation (nothing stored);
	 * a WARNING outcome from 90 % on. A project's entry is traced on the project, a unit's on the
	 * allocation.
	 */
	private Spent spend(CurrentUser user, FundAllocation a, Entry entry) {
		Checked c = checkEntry(entry);
		if (c.on().getYear() != a.year()) {
			throw new InvalidInputException(FieldProblem.of("date", "fund.error.date.year", a.year()));
		}
		return record(user, a, c, entry);
	}

	private record Checked(BigDecimal amount, String note, LocalDate on) {
	}

	private Checked checkEntry(Entry e) {
		List<FieldProblem> bad = new ArrayList<>();
		BigDecimal amount = Projects.amount("amount", e.amount(), true, bad);
		String note = note("note", e.note(), bad);
		LocalDate on = today();
		if (Projects.trim(e.date()) != null) {
			try {
				on = LocalDate.parse(Projects.trim(e.date()));
				if (on.isAfter(today())) {
					bad.add(FieldProblem.of("date", "project.error.date.future"));
				}
			}
			catch (DateTimeParseException ex) {
				bad.add(FieldProblem.of("date", "project.error.date.invalid"));
			}
		}
		List<Upload> given = e.uploads() == null ? List.of() : e.uploads();
		if (given.isEmpty()) {
			bad.add(FieldProblem.of(EvidenceStore.FIELD, "project.error.evidence.required"));
		}
		else if (given.size() > 1) {
			bad.add(FieldProblem.of(EvidenceStore.FIELD, "project.error.evidence.one"));
		}
		check(bad);
		return new Checked(amount, note, on);
	}

	private Spent record(CurrentUser user, FundAllocation a, Checked c, Entry e) {
		store.lock(a.id());
		FundAllocation locked = store.allocation(ScopeSql.of(user.scope()), a.id())
			.orElseThrow(() -> new NotFoundException("fund_allocation", a.id()));
		BudgetRule.Outcome outcome = BudgetRule.check(locked.amount(), locked.spent(), c.amount());
		Upload upload = e.uploads().get(0);
		StoredFile file = files.store(a.cityId(), user.username(), upload.name(), upload.content());
		long entryId = store.insertSpending(new FundStore.NewSpending(a.id(), a.cityId(), c.amount(), c.note(), c.on(),
				file.id(), user.username()), now());
		BigDecimal after = locked.spent().add(c.amount());
		AuditEntry entry = (a.forProject()
				? AuditEntry.of("PROJECT_SPENDING").object("project", a.projectId())
				: AuditEntry.of("FUND_SPENDING").object("fund_allocation", a.id()))
			.city(a.cityId())
			.change("spending", null, entryId)
			.change("amount", null, plain(c.amount()))
			.change("spent", plain(locked.spent()), plain(after))
			.change("evidence", null, file.name() + " #" + file.id());
		if (c.note() != null) {
			entry.change("note", null, c.note());
		}
		if (outcome == BudgetRule.Outcome.WARNING) {
			entry.reason("budget " + BudgetRule.percent(after, locked.amount()) + "% spent");
		}
		audit.record(entry);
		return new Spent(find(user, a.id()), entryId, outcome);
	}

	// --- increases

	/** The office asks for an increase of an allocation (amount, reason); a leader decides. */
	@Transactional
	public FundIncrease requestIncrease(CurrentUser user, long id, String amountText, String reasonText) {
		FundAllocation a = managed(user, id);
		List<FieldProblem> bad = new ArrayList<>();
		BigDecimal amount = Projects.amount("amount", amountText, true, bad);
		String reason = note("reason", reasonText, bad);
		if (reason == null) {
			bad.add(FieldProblem.of("reason", "fund.error.reason.required"));
		}
		check(bad);
		long increaseId = store.insertIncrease(id, a.cityId(), amount, reason, user.username(), now());
		audit.record(AuditEntry.of("FUND_INCREASE_REQUEST")
			.city(a.cityId())
			.object("fund_allocation", id)
			.change("increase", null, increaseId)
			.change("amount", null, plain(amount))
			.reason(reason));
		return store.increases(id).stream().filter(i -> i.id() == increaseId).findFirst().orElseThrow();
	}

	/**
	 * A city leader approves or rejects a pending increase of the city, with a note: 403 for the one
	 * who asked, 409 once decided, 400 on {@code amount} with the figures when approving would pass
	 * the year's budget. An approved increase raises the allocation.
	 */
	@Transactional
	public FundIncrease decide(CurrentUser user, long increaseId, String decisionText, String noteText) {
		if (!user.can(Permissions.PROJECT_APPROVE) || user.cityId() == null) {
			throw new AccessDeniedException("project:approve");
		}
		long cityId = user.cityId();
		List<FieldProblem> bad = new ArrayList<>();
		FundIncrease.State decision = null;
		String d = Projects.trim(decisionText);
		if ("APPROVED".equals(d) || "REJECTED".equals(d)) {
			decision = FundIncrease.State.valueOf(d);
		}
		else {
			bad.add(FieldProblem.of("decision", "fund.error.decision.invalid"));
		}
		String note = note("note", noteText, bad);
		check(bad);
		FundIncrease i = store.lockIncrease(cityId, increaseId)
			.orElseThrow(() -> new NotFoundException("fund_increase", increaseId));
		if (i.asked().by().equals(user.username())) {
			throw new AccessDeniedException("fund:own-increase");
		}
		if (i.state() != FundIncrease.State.PENDING) {
			throw new ConflictException("fund.error.increase.decided");
		}
		store.lock(i.allocationId());
		FundAllocation a = store.allocation(ScopeSql.of(user.scope()), i.allocationId())
			.orElseThrow(() -> new NotFoundException("fund_increase", increaseId));
		BigDecimal raised = a.amount().add(i.amount());
		if (decision == FundIncrease.State.APPROVED) {
			if (raised.compareTo(BudgetRule.MAX) > 0) {
				throw new InvalidInputException(FieldProblem.of("amount", "project.error.amount.invalid"));
			}
			fits(cityId, a.year(), a.id(), raised);
		}
		Instant now = now();
		store.decide(increaseId, decision, user.username(), note, now);
		AuditEntry entry = AuditEntry.of(decision == FundIncrease.State.APPROVED ? "FUND_INCREASE_APPROVE"
				: "FUND_INCREASE_REJECT")
			.city(cityId)
			.object("fund_allocation", a.id())
			.change("increase", null, increaseId)
			.change("amount", null, plain(i.amount()));
		if (decision == FundIncrease.State.APPROVED) {
			store.update(a.id(), raised, a.note(), now);
			entry.change("allocation", plain(a.amount()), plain(raised));
		}
		if (note != null) {
			entry.reason(note);
		}
		audit.record(entry);
		if (a.forProject()) {
			audit.record(AuditEntry.of(entry.action()).city(cityId).object("project", a.projectId())
				.change("increase", null, increaseId)
				.change("budget", plain(a.amount()), decision == FundIncrease.State.APPROVED ? plain(raised) : plain(a.amount())));
		}
		return store.increases(a.id()).stream().filter(x -> x.id() == increaseId).findFirst().orElseThrow();
	}

	// --- checks and helpers

	/** 400 on {@code amount} with the figures when the year's allocations would pass the budget. */
	private void fits(long cityId, int year, Long except, BigDecimal amount) {
		BigDecimal budget = store.lockBudget(cityId, year).orElse(BigDecimal.ZERO);
		BigDecimal others = store.allocated(cityId, year, except);
		if (others.add(amount).compareTo(budget) > 0) {
			throw new PastBudgetException("amount", year, budget, others, amount);
		}
	}

	private String projectName(long cityId, long projectId) {
		return store.projectName(cityId, projectId).orElse(null);
	}

	private FundAllocation find(CurrentUser user, long id) {
		readerCity(user);
		return store.allocation(ScopeSql.of(user.scope()), id)
			.orElseThrow(() -> new NotFoundException("fund_allocation", id));
	}

	private FundAllocation managed(CurrentUser user, long id) {
		long cityId = officeCity(user);
		FundAllocation a = find(user, id);
		if (a.cityId() != cityId) {
			throw new NotFoundException("fund_allocation", id);
		}
		return a;
	}

	private static long readerCity(CurrentUser user) {
		if (!user.can(Permissions.FUND_READ) || user.cityId() == null) {
			throw new AccessDeniedException("fund:read");
		}
		return user.cityId();
	}

	private static long officeCity(CurrentUser user) {
		if (!user.can(Permissions.FUND_MANAGE) || user.cityId() == null) {
			throw new AccessDeniedException("fund:manage");
		}
		return user.cityId();
	}

	private int year(String text) {
		List<FieldProblem> bad = new ArrayList<>();
		Integer y = Projects.trim(text) == null ? Integer.valueOf(year()) : year(text, bad);
		check(bad);
		return y;
	}

	private Integer year(String text, List<FieldProblem> bad) {
		String t = Projects.trim(text);
		int now = year();
		if (t == null) {
			bad.add(FieldProblem.of("year", "fund.error.year.required"));
			return null;
		}
		if (t.matches("[0-9]{4}")) {
			int y = Integer.parseInt(t);
			if (y >= now - YEARS_BACK && y <= now + YEARS_AHEAD) {
				return y;
			}
		}
		bad.add(FieldProblem.of("year", "fund.error.year.range", now - YEARS_BACK, now + YEARS_AHEAD));
		return null;
	}

	private static String note(String field, String text, List<FieldProblem> bad) {
		String t = Projects.trim(text);
		if (t != null && t.length() > MAX_REASON) {
			bad.add(FieldProblem.of(field, "project.error.note.tooLong", MAX_REASON));
		}
		return t;
	}

	private static void check(List<FieldProblem> bad) {
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	static String plain(BigDecimal v) {
		return v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
	}

}
