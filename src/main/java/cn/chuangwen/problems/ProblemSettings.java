package cn.chuangwen.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.problems.internal.ProblemStore;
import cn.chuangwen.problems.internal.ProblemStore.CategoryRow;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * A city's own settings for problems (issue 8: "city setting"), changed by its office without a
 * release: the rectification time per severity, recurrence, the photo distance warning, escalation,
 * the list's bands and the tracking code's prefix; and the categories problems are filed under.
 * Every change is traced with the values before and after.
 */
@Service
public class ProblemSettings {

	public static final int MAX_CATEGORIES = 50;

	public static final int MAX_CATEGORY_NAME = 32;

	private static final Pattern PREFIX = Pattern.compile("[A-Z]{2,6}");

	/** A category as the office manages it; an inactive one is kept on old problems and offered for no new one. */
	public record Category(long id, String name, boolean active) {
	}

	private final ProblemStore store;

	private final Problems problems;

	private final AuditTrail audit;

	public ProblemSettings(ProblemStore store, Problems problems, AuditTrail audit) {
		this.store = store;
		this.problems = problems;
		this.audit = audit;
	}

	/** The rules of the caller's city (the defaults until the office changes them). */
	@Transactional(readOnly = true)
	public ProblemRules rules(CurrentUser user) {
		return problems.rules(office(user));
	}

	/**
	 * Changes the city's rules: every value within its range (400 naming each field otherwise),
	 * from the version the caller read (409 when someone changed them first).
	 */
	@Transactional
	public ProblemRules changeRules(CurrentUser user, ProblemRules wanted) {
		long cityId = office(user);
		validate(wanted);
		ProblemRules before = problems.rules(cityId);
		if (before.version() != wanted.version()) {
			throw new ConflictException("error.conflict");
		}
		if (store.rules(cityId).isEmpty()) {
			// the first change: the city had the defaults, now it has a row of its own (version 1)
			try {
				store.insertRules(cityId, wanted.nextVersion());
			}
			catch (DuplicateKeyException ex) {
				// another office user made the first change a moment earlier
				throw new ConflictException("error.conflict");
			}
		}
		else if (!store.updateRules(cityId, wanted.version(), wanted)) {
			throw new ConflictException("error.conflict");
		}
		AuditEntry entry = AuditEntry.of("PROBLEM_RULES_CHANGE").city(cityId).object("problem_rule", cityId);
		entry.change("codePrefix", before.codePrefix(), wanted.codePrefix());
		entry.change("generalHours", before.generalHours(), wanted.generalHours());
		entry.change("seriousHours", before.seriousHours(), wanted.seriousHours());
		entry.change("criticalHours", before.criticalHours(), wanted.criticalHours());
		entry.change("recurrenceMetres", before.recurrenceMetres(), wanted.recurrenceMetres());
		entry.change("recurrenceDays", before.recurrenceDays(), wanted.recurrenceDays());
		entry.change("mismatchMetres", before.mismatchMetres(), wanted.mismatchMetres());
		entry.change("escalateDays", before.escalateDays(), wanted.escalateDays());
		entry.change("letterDays", before.letterDays(), wanted.letterDays());
		entry.change("greenRate", before.greenRate(), wanted.greenRate());
		entry.change("redRate", before.redRate(), wanted.redRate());
		audit.record(entry);
		return problems.rules(cityId);
	}

	/** Every category of the caller's city, inactive ones included, in order. */
	@Transactional(readOnly = true)
	public List<Category> categories(CurrentUser user) {
		return store.allCategories(office(user)).stream().map(ProblemSettings::category).toList();
	}

	/** Adds a category at the end of the city's list. */
	@Transactional
	public Category addCategory(CurrentUser user, String name) {
		long cityId = office(user);
		String clean = name(name);
		List<CategoryRow> rows = store.allCategories(cityId);
		if (!rows.isEmpty() && !rows.get(0).own()) {
			rows = ownCopy(cityId);
		}
		if (rows.size() >= MAX_CATEGORIES) {
			throw new InvalidInputException(FieldProblem.of("name", "problemSettings.error.tooManyCategories", MAX_CATEGORIES));
		}
		unique(rows, clean, -1);
		long id = store.insertCategory(cityId, clean, rows.stream().mapToInt(CategoryRow::position).max().orElse(0) + 1);
		audit.record(AuditEntry.of("PROBLEM_CATEGORY_ADD").city(cityId).object("problem_category", id).change("name", null, clean));
		return new Category(id, clean, true);
	}

	/**
	 * Renames a category, or turns it off or on again ({@code active} null: as it is). A city still
	 * on the installation's defaults gets its own copy first, so the id may change; the answer
	 * carries the id to use from now on.
	 */
	@Transactional
	public Category changeCategory(CurrentUser user, long id, String name, Boolean active) {
		long cityId = office(user);
		String clean = name(name);
		List<CategoryRow> rows = store.allCategories(cityId);
		CategoryRow current = rows.stream()
			.filter(c -> c.id() == id)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("problem_category", id));
		if (!current.own()) {
			rows = ownCopy(cityId);
		}
		CategoryRow mine = rows.stream().filter(c -> c.name().equals(current.name())).findFirst().orElseThrow();
		boolean on = active == null ? mine.active() : active;
		unique(rows, clean, mine.id());
		if (!on && mine.active() && rows.stream().filter(CategoryRow::active).count() == 1) {
			throw new InvalidInputException(FieldProblem.of("active", "problemSettings.error.lastCategory"));
		}
		store.updateCategory(mine.id(), clean, on);
		AuditEntry entry = AuditEntry.of("PROBLEM_CATEGORY_CHANGE").city(cityId).object("problem_category", mine.id());
		entry.change("name", mine.name(), clean);
		entry.change("active", mine.active(), on);
		audit.record(entry);
		return new Category(mine.id(), clean, on);
	}

	/**
	 * Gives the city its own copy of the default categories, with its problems moved onto the copies
	 * (recurrence, filters and statistics then see one category, not the default and the copy).
	 */
	private List<CategoryRow> ownCopy(long cityId) {
		int moved = store.copyDefaultCategories(cityId);
		audit.record(AuditEntry.of("PROBLEM_CATEGORY_COPY").city(cityId).object("problem_category", cityId)
			.change("problems", null, moved));
		return store.allCategories(cityId);
	}

	private static void unique(List<CategoryRow> rows, String name, long except) {
		if (rows.stream().anyMatch(c -> c.id() != except && c.name().equals(name))) {
			throw new InvalidInputException(FieldProblem.of("name", "problemSettings.error.categoryExists", name));
		}
	}

	private static String name(String name) {
		String clean = name == null ? "" : name.strip();
		if (clean.isEmpty()) {
			throw new InvalidInputException(FieldProblem.of("name", "problemSettings.error.categoryName"));
		}
		if (clean.length() > MAX_CATEGORY_NAME) {
			throw new InvalidInputException(FieldProblem.of("name", "problem.error.tooLong", MAX_CATEGORY_NAME));
		}
		return clean;
	}

	/** Each value in its range: the fields of a settings form, all wrong ones named at once. */
	static void validate(ProblemRules r) {
		List<FieldProblem> bad = new ArrayList<>();
		if (r.codePrefix() == null || !PREFIX.matcher(r.codePrefix()).matches()) {
			bad.add(FieldProblem.of("codePrefix", "problemSettings.error.prefix"));
		}
		range(bad, "generalHours", r.generalHours(), 1, 2160);
		range(bad, "seriousHours", r.seriousHours(), 1, r.generalHours());
		range(bad, "criticalHours", r.criticalHours(), 1, r.seriousHours());
		range(bad, "recurrenceMetres", r.recurrenceMetres(), 1, 1000);
		range(bad, "recurrenceDays", r.recurrenceDays(), 1, 365);
		range(bad, "mismatchMetres", r.mismatchMetres(), 10, 50_000);
		range(bad, "escalateDays", r.escalateDays(), 1, 60);
		range(bad, "letterDays", r.letterDays(), r.escalateDays(), 90);
		range(bad, "greenRate", r.greenRate(), 1, 100);
		range(bad, "redRate", r.redRate(), 0, r.greenRate() - 1);
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
	}

	private static void range(List<FieldProblem> bad, String field, int value, int min, int max) {
		if (value < min || value > Math.max(min, max)) {
			bad.add(FieldProblem.of(field, "problemSettings.error.range", min, Math.max(min, max)));
		}
	}

	private static long office(CurrentUser user) {
		if (!user.can(Permissions.PROBLEM_WRITE) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.PROBLEM_WRITE);
		}
		return user.cityId();
	}

	private static Category category(CategoryRow c) {
		return new Category(c.id(), c.name(), c.active());
	}

}
