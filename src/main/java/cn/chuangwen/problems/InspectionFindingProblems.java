package cn.chuangwen.problems;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.inspections.InspectionFindingReleased;
import cn.chuangwen.inspections.InspectionPhotosAdded;
import cn.chuangwen.inspections.PointScore;
import cn.chuangwen.problems.internal.ProblemStore;
import cn.chuangwen.shared.GeoPoint;

/**
 * Inspection findings become problems (issue 9 §3): one problem per finding, source INSPECTION,
 * dispatched at once to the point's responsible unit with the finding's watermarked photos as
 * "before" photos, found by the inspector, at the point's place and naming the point (so a later
 * finding of the same category there is a recurrence however the coordinates differ). Each listener
 * runs after the inspections' transaction committed, in its own; the event registry may deliver an
 * event again, and a finding that already has its problem (or a photo the problem already shows)
 * is skipped. The listeners of one finding take turns on its claim row, so photos heard of before
 * the problem is made are kept for it instead of being lost between the two.
 * <p>
 * The category: the city's problem category named like the checklist category; else the one linked
 * to the item's indicator; else the usual counterpart of the national checklist's category names
 * ({@link #COUNTERPARTS}, when the city has it); else the city's first category.
 */
@Component
class InspectionFindingProblems {

	/** Where the sample checklists' categories fall among the default problem categories. */
	static final Map<String, String> COUNTERPARTS = Map.of("公共环境", "环境卫生", "公益宣传", "公益广告", "经营秩序",
			"占道经营", "停车秩序", "交通秩序", "基础设施", "环境卫生");

	/** Problems are written in the city's language; the description is stored text, not a label. */
	private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	private final ProblemStore store;

	private final Problems problems;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	InspectionFindingProblems(ProblemStore store, Problems problems, EvidenceStore files, AuditTrail audit,
			MessageSource messages, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.problems = problems;
		this.files = files;
		this.audit = audit;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(InspectionFindingReleased e) {
		if (store.claimFinding(e.inspectionId(), e.finding().itemId()).isEmpty()) {
			create(e, e.finding());
		}
	}

	@ApplicationModuleListener
	void on(InspectionPhotosAdded e) {
		Optional<Long> problemId = store.claimFinding(e.inspectionId(), e.itemId());
		if (problemId.isEmpty()) {
			// heard before the finding's problem was made: the problem takes them when it is made
			store.keepFindingPhotos(e.inspectionId(), e.itemId(), e.photoFileIds());
			return;
		}
		ProblemStore.Row p = store.find(problemId.get()).orElseThrow();
		int added = addPhotos(p.id(), p.cityId(), e.photoFileIds(), e.addedBy(), clock.instant());
		if (added > 0) {
			audit.record(AuditEntry.of("PROBLEM_PHOTO")
				.actor(e.addedBy(), null)
				.city(p.cityId())
				.object("problem", p.id())
				.change("photos", null, added));
		}
	}

	private void create(InspectionFindingReleased e, InspectionFindingReleased.Finding f) {
		long cityId = e.cityId();
		Instant now = clock.instant();
		ProblemStore.Category category = category(cityId, f);
		ProblemSeverity severity = f.verdict() == PointScore.Verdict.SERIOUS_FAIL ? ProblemSeverity.SERIOUS
				: ProblemSeverity.GENERAL;
		ProblemRules rules = problems.rules(cityId);
		Instant deadline = now.plus(rules.timeFor(severity)).truncatedTo(ChronoUnit.SECONDS);
		GeoPoint place = e.point().lat() == null || e.point().lng() == null ? null
				: new GeoPoint(e.point().lat(), e.point().lng());
		Long recurrenceOf = Problems.recurrenceOf(store, cityId, category.id(), e.point().id(), place, rules, now);
		int year = LocalDate.ofInstant(now, Problems.ZONE).getYear();
		String code = "%s-%d-%06d".formatted(rules.codePrefix(), year, store.nextSeq(cityId, year));
		String title = cap(f.item(), 200);
		String description = cap(description(e, f), Problems.MAX_TEXT);
		String address = cap(e.point().address() == null ? e.point().name() : e.point().name() + "（" + e.point().address() + "）", 300);
		long id = store.insert(new ProblemStore.NewProblem(cityId, code, ProblemSource.INSPECTION, category.id(), title,
				description, severity, address, place, e.unitId(), ProblemState.DISPATCHED, deadline, "inspection",
				e.inspectionId(), recurrenceOf, e.inspector(), null, now));
		store.setFieldPoint(id, e.point().id());
		store.setFindingProblem(e.inspectionId(), f.itemId(), id);
		List<Long> photoFiles = new ArrayList<>(f.photoFileIds());
		store.takeFindingPhotos(e.inspectionId(), f.itemId())
			.stream()
			.filter(fileId -> !photoFiles.contains(fileId))
			.forEach(photoFiles::add);
		int photos = addPhotos(id, cityId, photoFiles, e.inspector(), now);
		audit.record(AuditEntry.of("PROBLEM_CREATE")
			.actor(e.inspector(), null)
			.city(cityId)
			.object("problem", id)
			.change("code", null, code)
			.change("source", null, ProblemSource.INSPECTION)
			.change("category", null, category.name())
			.change("title", null, title)
			.change("severity", null, severity)
			.change("unit", null, e.unitId())
			.change("deadline", null, deadline)
			.change("place", null, place == null ? null : place.latitude() + "," + place.longitude())
			.change("fieldPoint", null, e.point().code() + " " + e.point().name())
			.change("inspection", null, e.inspectionId())
			.change("photos", null, photos == 0 ? null : photos)
			.change("recurrenceOf", null, recurrenceOf)
			.change("state", null, ProblemState.DISPATCHED));
		events.publishEvent(new ProblemDispatched(id, cityId, e.unitId(), code, title, deadline, now));
	}

	/** The finding's photos as the problem's "before" photos, each stored file once. */
	private int addPhotos(long problemId, long cityId, List<Long> fileIds, String by, Instant at) {
		if (fileIds.isEmpty()) {
			return 0;
		}
		Set<Long> shown = store.photoFiles(problemId);
		int added = 0;
		for (StoredFile file : files.findAll(fileIds)) {
			if (file.cityId() == cityId && !shown.contains(file.id())) {
				store.insertPhoto(new ProblemStore.NewPhoto(problemId, cityId, null, "BEFORE", file, by, at));
				added++;
			}
		}
		return added;
	}

	private ProblemStore.Category category(long cityId, InspectionFindingReleased.Finding f) {
		List<ProblemStore.Category> categories = store.categories(cityId);
		String counterpart = COUNTERPARTS.get(f.category());
		return categories.stream()
			.filter(c -> c.name().equals(f.category()))
			.findFirst()
			.or(() -> categories.stream()
				.filter(c -> f.indicatorId() != null && Objects.equals(c.indicatorId(), f.indicatorId()))
				.findFirst())
			.or(() -> categories.stream().filter(c -> c.name().equals(counterpart)).findFirst())
			.orElseGet(() -> categories.get(0));
	}

	private String description(InspectionFindingReleased e, InspectionFindingReleased.Finding f) {
		String verdict = messages.getMessage(f.verdict().messageKey(), null, CHINESE);
		String text = messages.getMessage("problem.inspection.description",
				new Object[] { e.point().name(), f.category(), f.item(), plain(f.deduction()), verdict }, CHINESE);
		return f.note() == null ? text
				: text + messages.getMessage("problem.inspection.note", new Object[] { f.note() }, CHINESE);
	}

	private static String plain(BigDecimal d) {
		return d == null ? "0" : d.stripTrailingZeros().toPlainString();
	}

	private static String cap(String s, int max) {
		return s == null || s.length() <= max ? s : s.substring(0, max);
	}

}
