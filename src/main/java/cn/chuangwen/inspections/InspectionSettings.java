package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.Clock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.inspections.internal.InspectionRulesStore;
import cn.chuangwen.inspections.internal.ResultStore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PeriodCode;

/**
 * A city's inspection rules: what it stored, else {@link InspectionRules#DEFAULTS}. Its office
 * changes them without a release; every change is traced with the values before and after.
 * <p>
 * The period kind cannot change while the city has an open round of a period of the other kind:
 * that round's results would belong to no period of the new kind. The office closes (or finishes)
 * those rounds first; closed rounds and published periods of the old kind stay readable as they are.
 */
@Service
public class InspectionSettings {

	/** The most points a unit may be asked to have scored per kind: far beyond any real sample. */
	public static final int MAX_MIN_POINTS = 100;

	public static final int MAX_DISTANCE = 50_000;

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final InspectionRulesStore store;

	private final ResultStore results;

	private final AuditTrail audit;

	private final Clock clock;

	public InspectionSettings(InspectionRulesStore store, ResultStore results, AuditTrail audit, Clock clock) {
		this.store = store;
		this.results = results;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public InspectionRules rules(long cityId) {
		return store.find(cityId).orElse(InspectionRules.DEFAULTS);
	}

	/** The city's rules when its office configured them; empty for a city that never set up inspections. */
	@Transactional(readOnly = true)
	public Optional<InspectionRules> configured(long cityId) {
		return store.find(cityId);
	}

	/** The rules of the caller's city, for its office. */
	@Transactional(readOnly = true)
	public InspectionRules rules(CurrentUser user) {
		return rules(office(user));
	}

	/**
	 * Changes the city's rules: every value in its range (400 naming each wrong field at once), from
	 * the version the caller read (409 when someone changed them first); a new period kind while a
	 * round of the other kind is open: 409 naming the rounds.
	 */
	@Transactional
	public InspectionRules change(CurrentUser user, InspectionRules wanted) {
		long cityId = office(user);
		check(wanted);
		InspectionRules before = rules(cityId);
		if (before.version() != wanted.version()) {
			throw new ConflictException("error.conflict");
		}
		if (before.periodKind() != wanted.periodKind()) {
			List<String> open = results.openPlans(cityId)
				.stream()
				.filter(p -> PeriodCode.parse(p.period()).kind() != wanted.periodKind())
				.map(p -> p.name() + "（" + p.period() + "）")
				.toList();
			if (!open.isEmpty()) {
				throw new ConflictException("inspectionRules.error.openPlans", String.join("、", open));
			}
		}
		if (store.find(cityId).isEmpty()) {
			try {
				store.insert(cityId, wanted, clock.instant(), user.username());
			}
			catch (DuplicateKeyException ex) {
				throw new ConflictException("error.conflict");
			}
		}
		else if (!store.update(cityId, wanted, clock.instant(), user.username())) {
			throw new ConflictException("error.conflict");
		}
		AuditEntry entry = AuditEntry.of("INSPECTION_RULES_CHANGE").city(cityId).object("inspection_rule", cityId);
		entry.change("periodKind", before.periodKind(), wanted.periodKind());
		entry.change("announcedWeight", before.announcedWeight(), wanted.announcedWeight());
		entry.change("unannouncedWeight", before.unannouncedWeight(), wanted.unannouncedWeight());
		entry.change("minPoints", before.minPoints(), wanted.minPoints());
		entry.change("greenShare", before.greenShare(), wanted.greenShare());
		entry.change("redShare", before.redShare(), wanted.redShare());
		entry.change("maxDistanceMetres", before.maxDistanceMetres(), wanted.maxDistanceMetres());
		entry.change("dispatchAnnouncedAtOnce", before.dispatchAnnouncedAtOnce(), wanted.dispatchAnnouncedAtOnce());
		audit.record(entry);
		return rules(cityId);
	}

	/** Each value in its range, all wrong fields named at once (a missing value is wrong too). */
	public static void check(InspectionRules r) {
		List<FieldProblem> bad = new ArrayList<>();
		if (r.periodKind() != PeriodCode.Kind.MONTH && r.periodKind() != PeriodCode.Kind.BIMONTH) {
			bad.add(FieldProblem.of("periodKind", "inspectionRules.error.periodKind"));
		}
		boolean aw = percent(bad, "announcedWeight", r.announcedWeight());
		boolean uw = percent(bad, "unannouncedWeight", r.unannouncedWeight());
		if (aw && uw && r.announcedWeight().add(r.unannouncedWeight()).compareTo(HUNDRED) != 0) {
			bad.add(FieldProblem.of("unannouncedWeight", "inspectionRules.error.weights"));
		}
		if (r.minPoints() < 1 || r.minPoints() > MAX_MIN_POINTS) {
			bad.add(FieldProblem.of("minPoints", "inspectionRules.error.range", 1, MAX_MIN_POINTS));
		}
		boolean green = percent(bad, "greenShare", r.greenShare());
		boolean red = percent(bad, "redShare", r.redShare());
		if (green && red && r.greenShare().add(r.redShare()).compareTo(HUNDRED) > 0) {
			bad.add(FieldProblem.of("redShare", "inspectionRules.error.shares"));
		}
		if (r.maxDistanceMetres() < 1 || r.maxDistanceMetres() > MAX_DISTANCE) {
			bad.add(FieldProblem.of("maxDistanceMetres", "inspectionRules.error.range", 1, MAX_DISTANCE));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
	}

	/** A percentage from 0 to 100 with at most 2 decimals (the column is numeric(5,2)). */
	private static boolean percent(List<FieldProblem> bad, String field, BigDecimal value) {
		if (value == null || value.signum() < 0 || value.compareTo(HUNDRED) > 0
				|| value.stripTrailingZeros().scale() > 2) {
			bad.add(FieldProblem.of(field, "inspectionRules.error.percent"));
			return false;
		}
		return true;
	}

	private static long office(CurrentUser user) {
		if (!user.can(Permissions.INSPECTION_PUBLISH) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.INSPECTION_PUBLISH);
		}
		return user.cityId();
	}

}
