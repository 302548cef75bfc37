package cn.chuangwen.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.documents.DocumentKind;
import cn.chuangwen.documents.DocumentNumbers;
import cn.chuangwen.evaluation.internal.EvaluationStore;
import cn.chuangwen.evaluation.internal.EvaluationStore.PeriodRow;
import cn.chuangwen.evaluation.internal.ScoreEngine;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PeriodCode;

/**
 * A city's evaluation periods (issue 10 §1): every period of the kinds its schemes use, from the
 * start of last year to the running one, OPEN until the office closes it. Closing computes every
 * scheme of the kind for every ranking group and freezes the lines (later data changes never alter
 * them); reopening, with a reason, drops the snapshot so the period can be closed again. A
 * published period is never reopened (409): its results are public; a correction is a new bulletin.
 */
@Service
public class EvaluationPeriods {

	public static final int MAX_REASON = 1000;

	private final EvaluationStore store;

	private final ScoreEngine engine;

	private final EvaluationAccess access;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Rewards rewards;

	private final DocumentNumbers numbers;

	EvaluationPeriods(EvaluationStore store, ScoreEngine engine, EvaluationAccess access, AuditTrail audit,
			ApplicationEventPublisher events, Rewards rewards, DocumentNumbers numbers) {
		this.numbers = numbers;
		this.rewards = rewards;
		this.store = store;
		this.engine = engine;
		this.access = access;
		this.audit = audit;
		this.events = events;
	}

	/** The periods of the city (of one kind, or of every kind its schemes use), newest first. */
	@Transactional(readOnly = true)
	public List<PeriodView> list(CurrentUser user, String cityCode, String kind) {
		CityView city = access.read(user, cityCode);
		Set<PeriodCode.Kind> kinds = EnumSet.noneOf(PeriodCode.Kind.class);
		if (kind != null && !kind.isBlank()) {
			try {
				kinds.add(PeriodCode.Kind.valueOf(kind.strip()));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException(FieldProblem.of("kind", "evaluation.error.periodKind"));
			}
		}
		else {
			store.schemes(city.id()).forEach(s -> kinds.add(s.periodKind()));
		}
		return periods(city, kinds);
	}

	List<PeriodView> periods(CityView city, Set<PeriodCode.Kind> kinds) {
		LocalDate today = access.today();
		Map<String, PeriodRow> rows = new HashMap<>();
		store.periods(city.id()).forEach(r -> rows.put(r.code(), r));
		Map<String, PeriodView> out = new HashMap<>();
		LocalDate from = LocalDate.of(today.getYear() - 1, 1, 1);
		for (PeriodCode.Kind k : kinds) {
			for (PeriodCode p = PeriodCode.of(k, from); !p.start().isAfter(today); p = p.next()) {
				out.put(p.text(), view(p, rows.get(p.text()), today));
			}
		}
		for (PeriodRow r : rows.values()) {
			PeriodCode p = PeriodCode.parse(r.code());
			if (kinds.contains(p.kind())) {
				out.putIfAbsent(p.text(), view(p, r, today));
			}
		}
		List<PeriodView> list = new ArrayList<>(out.values());
		list.sort(Comparator.comparing(PeriodView::start).reversed().thenComparing(PeriodView::kind)
			.thenComparing(PeriodView::code));
		return list;
	}

	/** One period of the city as it stands. */
	PeriodView view(CityView city, PeriodCode code) {
		return view(code, store.period(city.id(), code.text()).orElse(null), access.today());
	}

	private static PeriodView view(PeriodCode p, PeriodRow row, LocalDate today) {
		PeriodView.Held held = row == null || row.heldKey() == null || row.state() != PeriodState.OPEN ? null
				: new PeriodView.Held(row.heldKey(), row.heldArgs(), row.heldAt());
		return new PeriodView(p.text(), p.kind(), p.start(), p.end(), row == null ? PeriodState.OPEN : row.state(),
				row == null ? null : row.closedAt(), row == null ? null : row.closedBy(), !p.end().isAfter(today),
				row == null ? null : row.bulletinNumber(), row == null ? null : row.publishedAt(), held);
	}

	/**
	 * Closes an ended period of the office's city: 409 when it has no scheme of its kind, is closed
	 * already, has not ended, or an inspection round in it is open (named); otherwise every scheme of
	 * the kind is computed and its lines frozen, traced, and {@link PeriodClosed} published.
	 */
	@Transactional
	public PeriodView close(CurrentUser user, String code) {
		CityView city = access.manage(user);
		return close(city, PeriodCode.parse(code, "code"), user.username(), false);
	}

	/**
	 * Closes the period as {@code close} does, by {@code actor}; {@code automatic}: by the city's
	 * calendar (traced as the system's, and refused with 409 for a period the office reopened).
	 */
	PeriodView close(CityView city, PeriodCode period, String actor, boolean automatic) {
		List<SchemeView> schemes = store.schemes(city.id(), period.kind());
		if (schemes.isEmpty()) {
			throw new ConflictException("evaluation.error.noScheme", period.text());
		}
		PeriodRow row = store.lock(city.id(), period);
		if (row.state() != PeriodState.OPEN) {
			throw new ConflictException("evaluation.error.closed", period.text());
		}
		if (automatic && row.reopenedAt() != null) {
			throw new ConflictException("evaluation.error.reopened", period.text());
		}
		if (period.end().isAfter(access.today())) {
			throw new ConflictException("evaluation.error.notEnded", period.text(), period.lastDay().toString());
		}
		List<String> open = engine.openRounds(city, period);
		if (!open.isEmpty()) {
			throw new ConflictException("evaluation.error.openRounds", period.text(), String.join("、", open));
		}
		Map<Long, List<ScoreLine>> lines = engine.compute(city, period, schemes);
		List<EvaluationStore.Frozen> frozen = new ArrayList<>();
		List<String> versions = new ArrayList<>();
		for (SchemeView s : schemes) {
			lines.get(s.id()).forEach(l -> frozen.add(new EvaluationStore.Frozen(row.id(), city.id(), s.id(), s.version(), l)));
			versions.add(s.rankingGroup() + " v" + s.version());
		}
		store.freeze(frozen);
		Map<String, List<ScoreLine>> byGroup = new HashMap<>();
		schemes.forEach(s -> byGroup.put(s.rankingGroup(), lines.get(s.id())));
		rewards.propose(city, row.id(), period, byGroup);
		Instant now = access.clock().instant();
		store.setState(row.id(), PeriodState.CLOSED, now, actor);
		AuditEntry entry = AuditEntry.of("EVALUATION_PERIOD_CLOSE");
		if (automatic) {
			entry.actor(actor, null).reason(PeriodCalendar.REASON);
		}
		audit.record(entry
			.city(city.id())
			.object("evaluation_period", row.id())
			.change("period", null, period.text())
			.change("state", PeriodState.OPEN.name(), PeriodState.CLOSED.name())
			.change("schemes", null, String.join("; ", versions))
			.change("units", null, frozen.size())
			.change("ranked", null, frozen.stream().filter(f -> f.line().rank() != null).count()));
		events.publishEvent(new PeriodClosed(city.id(), row.id(), period.text()));
		return view(city, period);
	}

	/**
	 * Publishes a closed period of the office's city: its frozen results become public (the public
	 * results page, with the red and black lists) and every unit reads its own line. 409 for a period
	 * that is open or published already. The bulletin (通报) takes its number here, from the city's
	 * sequence of evaluation bulletins for the year ({@link DocumentKind#EVALUATION_BULLETIN}, e.g.
	 * 潜创考〔2026〕1号), once: a period is published only once.
	 */
	@Transactional
	public PeriodView publish(CurrentUser user, String code) {
		CityView city = access.manage(user);
		PeriodCode period = PeriodCode.parse(code, "code");
		PeriodRow row = store.period(city.id(), period.text()).orElse(null);
		if (row == null || row.state() == PeriodState.OPEN) {
			throw new ConflictException("evaluation.error.notClosed", period.text());
		}
		row = store.lock(city.id(), period);
		if (row.state() != PeriodState.CLOSED) {
			throw new ConflictException("evaluation.error.alreadyPublished", period.text());
		}
		Instant now = access.clock().instant();
		DocumentNumbers.DocumentNumber number = numbers.next(city, DocumentKind.EVALUATION_BULLETIN,
				now.atZone(EvaluationAccess.ZONE).getYear());
		store.publish(row.id(), now, user.username(), number.text());
		audit.record(AuditEntry.of("EVALUATION_PERIOD_PUBLISH")
			.city(city.id())
			.object("evaluation_period", row.id())
			.change("period", null, period.text())
			.change("bulletin", null, number.text())
			.change("state", PeriodState.CLOSED.name(), PeriodState.PUBLISHED.name()));
		return view(city, period);
	}

	/**
	 * Reopens a closed period with a reason (400 without): its snapshot is dropped (the audit trail
	 * keeps the closing) and its open reward proposals withdrawn. 409 for an open period, a published
	 * one, and one with a confirmed reward or consequence.
	 */
	@Transactional
	public PeriodView reopen(CurrentUser user, String code, String reason) {
		CityView city = access.manage(user);
		String why = reason == null ? "" : reason.strip();
		List<FieldProblem> problems = new ArrayList<>();
		if (why.isEmpty() || why.length() > MAX_REASON) {
			problems.add(FieldProblem.of("reason", "evaluation.error.reason", MAX_REASON));
		}
		PeriodCode period = null;
		try {
			period = PeriodCode.parse(code, "code");
		}
		catch (InvalidInputException ex) {
			problems.addAll(ex.problems());
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		PeriodRow row = store.period(city.id(), period.text()).orElse(null);
		if (row == null || row.state() == PeriodState.OPEN) {
			throw new ConflictException("evaluation.error.notClosed", period.text());
		}
		row = store.lock(city.id(), period);
		if (row.state() == PeriodState.PUBLISHED) {
			throw new ConflictException("evaluation.error.published", period.text());
		}
		if (row.state() == PeriodState.OPEN) {
			throw new ConflictException("evaluation.error.notClosed", period.text());
		}
		rewards.withdraw(row.id(), period.text(), user, why);
		store.thaw(row.id());
		store.setState(row.id(), PeriodState.OPEN, access.clock().instant(), null);
		audit.record(AuditEntry.of("EVALUATION_PERIOD_REOPEN")
			.city(city.id())
			.object("evaluation_period", row.id())
			.reason(why)
			.change("period", null, period.text())
			.change("state", row.state().name(), PeriodState.OPEN.name()));
		return view(city, period);
	}

}
