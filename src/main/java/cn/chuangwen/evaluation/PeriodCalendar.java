package cn.chuangwen.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.evaluation.internal.EvaluationStore;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PeriodCode;

/**
 * Periods closed by the clock (issue 10 §1): per period kind, the office sets how many days after
 * a period ends it closes itself (0–60: the grace it gives late data), or leaves the kind to be
 * closed by hand. Each day {@link #closeDue} closes what is due, exactly as the office's button
 * would, traced as the system's. A closing that cannot happen (an inspection round of the period
 * still open) is held back with the reason shown on the periods page and tried again the next days;
 * after {@link #CATCH_UP_DAYS} days, or once the office reopened the period, only the office closes it.
 */
@Service
public class PeriodCalendar {

	public static final int MAX_DAYS = 60;

	/** How many days a closing that is due is still tried (held back, or missed while the service was down). */
	static final int CATCH_UP_DAYS = 7;

	/** Who the trace names for the closings the calendar makes. */
	static final String ACTOR = "system";

	static final String REASON = "按考核日历自动结束";

	private static final Logger log = LoggerFactory.getLogger(PeriodCalendar.class);

	/** A kind of period and the days after its end it closes itself (null: by hand). */
	public record Entry(PeriodCode.Kind kind, Integer closeAfterDays) {
	}

	private final EvaluationStore store;

	private final EvaluationAccess access;

	private final EvaluationPeriods periods;

	private final Cities cities;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	PeriodCalendar(EvaluationStore store, EvaluationAccess access, EvaluationPeriods periods, Cities cities,
			AuditTrail audit, PlatformTransactionManager transactions) {
		this.store = store;
		this.access = access;
		this.periods = periods;
		this.cities = cities;
		this.audit = audit;
		this.tx = new TransactionTemplate(transactions);
	}

	/** The city's calendar: every kind its schemes use or that has a setting, in the kinds' order. */
	@Transactional(readOnly = true)
	public List<Entry> calendar(CurrentUser user, String cityCode) {
		CityView city = access.readWhole(user, cityCode);
		Map<PeriodCode.Kind, Integer> set = store.calendar(city.id());
		Set<PeriodCode.Kind> kinds = EnumSet.noneOf(PeriodCode.Kind.class);
		kinds.addAll(set.keySet());
		store.schemes(city.id()).forEach(s -> kinds.add(s.periodKind()));
		return kinds.stream().map(k -> new Entry(k, set.get(k))).toList();
	}

	/**
	 * Sets, per kind, how many days after its end a period closes itself, or (null) leaves the kind
	 * to the office (evaluation:manage). All or nothing: 400 on {@code kind} for no kind at all, a kind
	 * that is none or one given twice, on {@code closeAfterDays} outside 0–{@value #MAX_DAYS}. Each change is traced.
	 * Returns the calendar as it now is.
	 */
	@Transactional
	public List<Entry> set(CurrentUser user, List<Entry> entries) {
		CityView city = access.manage(user);
		List<FieldProblem> bad = new ArrayList<>();
		Set<PeriodCode.Kind> seen = EnumSet.noneOf(PeriodCode.Kind.class);
		if (entries.isEmpty()) {
			bad.add(FieldProblem.of("kind", "evaluation.error.periodKind"));
		}
		for (Entry e : entries) {
			if (e == null || e.kind() == null || !seen.add(e.kind())) {
				bad.add(FieldProblem.of("kind", "evaluation.error.periodKind"));
			}
			else if (e.closeAfterDays() != null && (e.closeAfterDays() < 0 || e.closeAfterDays() > MAX_DAYS)) {
				bad.add(FieldProblem.of("closeAfterDays", "evaluation.error.closeAfterDays", MAX_DAYS));
			}
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		Map<PeriodCode.Kind, Integer> before = store.calendar(city.id());
		for (Entry e : entries) {
			if (Objects.equals(before.get(e.kind()), e.closeAfterDays())) {
				continue;
			}
			store.setCalendar(city.id(), e.kind(), e.closeAfterDays(), access.clock().instant(), user.username());
			audit.record(AuditEntry.of("EVALUATION_CALENDAR_SET")
				.city(city.id())
				.object("evaluation_calendar", city.code() + ":" + e.kind().name())
				.change("closeAfterDays", before.get(e.kind()), e.closeAfterDays()));
		}
		return calendar(user, null);
	}

	/**
	 * Closes, in every city, the open periods whose closing day (the day after the period's last day,
	 * plus the kind's days) has come by {@code today} and lies within the last {@value #CATCH_UP_DAYS}
	 * days. Each period closes in its own transaction; a closing refused (an open inspection round,
	 * say) is noted on the period and tried again the next day. Returns how many periods closed.
	 */
	public int closeDue(LocalDate today) {
		int closed = 0;
		for (CityView city : cities.visible(DataScope.all())) {
			Map<PeriodCode.Kind, Integer> calendar = tx.execute(t -> store.calendar(city.id()));
			for (Map.Entry<PeriodCode.Kind, Integer> e : calendar.entrySet()) {
				int days = e.getValue();
				for (PeriodCode p = PeriodCode.of(e.getKey(), today.minusDays(days + CATCH_UP_DAYS));
						!p.end().plusDays(days).isAfter(today); p = p.next()) {
					if (p.end().plusDays(days).isAfter(today.minusDays(CATCH_UP_DAYS)) && closeOrHold(city, p)) {
						closed++;
					}
				}
			}
		}
		return closed;
	}

	private boolean closeOrHold(CityView city, PeriodCode period) {
		var row = tx.execute(t -> store.period(city.id(), period.text()));
		if (row.isPresent() && (row.get().state() != PeriodState.OPEN || row.get().reopenedAt() != null)) {
			return false;
		}
		try {
			tx.executeWithoutResult(t -> periods.close(city, period, ACTOR, true));
			log.info("Evaluation period {} of {} closed by the calendar", period.text(), city.code());
			return true;
		}
		catch (ConflictException ex) {
			List<String> args = Arrays.stream(ex.args()).map(String::valueOf).toList();
			tx.executeWithoutResult(t -> store.hold(store.lock(city.id(), period).id(), ex.messageKey(), args,
					access.clock().instant()));
			log.info("Evaluation period {} of {} not closed by the calendar: {} {}", period.text(), city.code(),
					ex.messageKey(), args);
			return false;
		}
	}

}
