package cn.chuangwen.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.evaluation.internal.EvaluationStore;
import cn.chuangwen.evaluation.internal.ScoreEngine;
import cn.chuangwen.evaluation.internal.rules.SchemeRules;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.PeriodCode;

/**
 * A city's score schemes (计分方案, issue 10 §1): read by the office, leaders and the province;
 * created and changed by the office (every save a new version, traced); a change previewed
 * against the last closed period first. Rules of a valid scheme: {@link SchemeRules}.
 */
@Service
public class ScoreSchemes {

	/** How the last closed period's ranking would change under an edited scheme. */
	public record Preview(String period, String rankingGroup, List<Change> changes) {

		public boolean empty() {
			return period == null;
		}

	}

	/** One unit's rank and total under the scheme as it is (old) and as edited (new). */
	public record Change(long unitId, String unitName, Integer oldRank, Integer newRank, BigDecimal oldTotal,
			BigDecimal newTotal) {

		/** Ranks gained (positive) or lost; null when either is unranked. */
		public Integer moved() {
			return oldRank == null || newRank == null ? null : oldRank - newRank;
		}

	}

	private final EvaluationStore store;

	private final ScoreEngine engine;

	private final EvaluationAccess access;

	private final AuditTrail audit;

	ScoreSchemes(EvaluationStore store, ScoreEngine engine, EvaluationAccess access, AuditTrail audit) {
		this.store = store;
		this.engine = engine;
		this.access = access;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public List<SchemeView> list(CurrentUser user, String cityCode) {
		return store.schemes(access.readWhole(user, cityCode).id());
	}

	@Transactional(readOnly = true)
	public SchemeView get(CurrentUser user, String cityCode, long id) {
		CityView city = access.readWhole(user, cityCode);
		return store.scheme(city.id(), id).orElseThrow(() -> new NotFoundException("evaluation_scheme", id));
	}

	/** The sources the office's city may use in schemes of a kind. */
	@Transactional(readOnly = true)
	public List<ScoreSource> available(CurrentUser user, PeriodCode.Kind kind) {
		CityView city = access.manage(user);
		return engine.available(city, kind).stream().sorted().toList();
	}

	/** A new scheme of the office's city: 400 for a bad draft, 409 when its kind and group have one. */
	@Transactional
	public SchemeView create(CurrentUser user, SchemeDraft draft) {
		CityView city = access.manage(user);
		SchemeRules.Checked s = check(city, draft);
		Instant now = access.clock().instant();
		long id;
		try {
			id = store.insertScheme(city.id(), s, now, user.username());
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("evaluation.error.schemeExists", s.periodKind().name(), s.rankingGroup());
		}
		SchemeView saved = store.scheme(city.id(), id).orElseThrow();
		audit.record(describe(AuditEntry.of("EVALUATION_SCHEME_CREATE").city(city.id()).object("evaluation_scheme", id),
				null, saved));
		return saved;
	}

	/**
	 * Saves a new version of a scheme from the version the caller read (409 when someone saved first
	 * or the kind and group are another scheme's); 400 for a bad draft, the body checked before the id.
	 */
	@Transactional
	public SchemeView update(CurrentUser user, long id, SchemeDraft draft) {
		CityView city = access.manage(user);
		SchemeRules.Checked s = check(city, draft);
		if (draft.version() == null) {
			throw new InvalidInputException(FieldProblem.of("version", "evaluation.error.version"));
		}
		SchemeView before = store.scheme(city.id(), id).orElseThrow(() -> new NotFoundException("evaluation_scheme", id));
		boolean saved;
		try {
			saved = store.updateScheme(id, draft.version(), s, access.clock().instant(), user.username());
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("evaluation.error.schemeExists", s.periodKind().name(), s.rankingGroup());
		}
		if (!saved) {
			throw new ConflictException("error.conflict");
		}
		SchemeView after = store.scheme(city.id(), id).orElseThrow();
		audit.record(describe(AuditEntry.of("EVALUATION_SCHEME_UPDATE").city(city.id()).object("evaluation_scheme", id),
				before, after));
		return after;
	}

	/**
	 * How the last closed (or published) period of the edited scheme's kind that ranked its group
	 * (else the last of the kind) would rank under it: the
	 * frozen values of that period's units under the edited weights, caps, bands and sample (a source
	 * the frozen scheme did not use is read as it is now); empty when no period of the kind was closed.
	 */
	@Transactional(readOnly = true)
	public Preview preview(CurrentUser user, long id, SchemeDraft draft) {
		CityView city = access.manage(user);
		SchemeRules.Checked s = check(city, draft);
		SchemeView current = store.scheme(city.id(), id).orElseThrow(() -> new NotFoundException("evaluation_scheme", id));
		List<EvaluationStore.PeriodRow> closed = store.periods(city.id())
			.stream()
			.filter(r -> r.state() != PeriodState.OPEN && PeriodCode.parse(r.code()).kind() == s.periodKind())
			.sorted(Comparator.comparing((EvaluationStore.PeriodRow r) -> PeriodCode.parse(r.code()).start()).reversed())
			.toList();
		// the last one that ranked this group; a group new to the scheme reads the last one of all
		Optional<EvaluationStore.PeriodRow> last = closed.stream()
			.filter(r -> store.frozenGroups(r.id()).contains(s.rankingGroup()))
			.findFirst()
			.or(() -> closed.stream().findFirst());
		if (last.isEmpty()) {
			return new Preview(null, s.rankingGroup(), List.of());
		}
		PeriodCode period = PeriodCode.parse(last.get().code());
		SchemeView edited = new SchemeView(current.id(), city.id(), s.name(), s.periodKind(), s.rankingGroup(),
				s.sources(), s.bands(), s.minSample(), current.version() + 1, null, null);
		List<ScoreLine> old = store.frozen(last.get().id(), s.rankingGroup(), null);
		List<ScoreLine> fresh = engine.compute(city, period, List.of(edited), store.frozenValues(last.get().id()))
			.get(current.id());
		Map<Long, ScoreLine> before = new HashMap<>();
		old.forEach(l -> before.put(l.unitId(), l));
		List<Change> changes = new ArrayList<>();
		for (ScoreLine l : fresh) {
			ScoreLine b = before.get(l.unitId());
			changes.add(new Change(l.unitId(), l.unitName(), b == null ? null : b.rank(), l.rank(),
					b == null ? null : b.total(), l.total()));
		}
		return new Preview(period.text(), s.rankingGroup(), changes);
	}

	private SchemeRules.Checked check(CityView city, SchemeDraft draft) {
		List<FieldProblem> problems = new ArrayList<>();
		SchemeRules.Checked s = SchemeRules.check(draft, kind -> engine.available(city, kind), problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return s;
	}

	private static AuditEntry describe(AuditEntry e, SchemeView before, SchemeView after) {
		return e.change("name", before == null ? null : before.name(), after.name())
			.change("periodKind", before == null ? null : before.periodKind().name(), after.periodKind().name())
			.change("rankingGroup", before == null ? null : before.rankingGroup(), after.rankingGroup())
			.change("sources", before == null ? null : text(before.sources()), text(after.sources()))
			.change("bands", before == null ? null : bands(before.bands()), bands(after.bands()))
			.change("minSample", before == null ? null : before.minSample(), after.minSample())
			.change("version", before == null ? null : before.version(), after.version());
	}

	static String text(List<SchemeView.Part> parts) {
		List<String> out = new ArrayList<>();
		for (SchemeView.Part p : parts) {
			out.add(p.source().name() + " " + p.weight().stripTrailingZeros().toPlainString() + "%"
					+ (p.cap() == null ? "" : " ≤" + p.cap().stripTrailingZeros().toPlainString()));
		}
		return String.join(", ", out);
	}

	static String bands(List<SchemeView.Band> bands) {
		List<String> out = new ArrayList<>();
		for (SchemeView.Band b : bands) {
			out.add(b.name() + " ≥" + b.min().stripTrailingZeros().toPlainString() + " " + b.colour());
		}
		return String.join(", ", out);
	}

}
