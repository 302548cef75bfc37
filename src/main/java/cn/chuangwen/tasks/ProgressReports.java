package cn.chuangwen.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.files.Upload;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.Decimals;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.Page;
import cn.chuangwen.tasks.internal.AssignmentStore;
import cn.chuangwen.tasks.internal.ReportStore;
import cn.chuangwen.tasks.internal.ReportStore.EvidenceRow;
import cn.chuangwen.tasks.internal.ReportStore.ReportRow;

/**
 * Progress reports (创建动态) and their review: a unit reports what it did with evidence; the
 * office approves or returns it with a reason; approved progress reaching 100 % (or the numeric
 * target) signs the assignment off (销号). Reviewers are warned of evidence used before and of
 * photos taken long before the report — checks no off-the-shelf tool gives an office.
 */
@Service
public class ProgressReports {

	public static final int MAX_FILES = 10;

	public enum Decision {
		APPROVE, RETURN
	}


	public record Submitted(long id, List<ReportView.Warning> warnings) {
	}

	private final Assignments assignments;

	private final AssignmentStore assignmentStore;

	private final ReportStore store;

	private final EvidenceStore files;

	/** A reached value fits numeric(14,3). */
	public static final int VALUE_DIGITS = 11;

	public static final int VALUE_SCALE = 3;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	public ProgressReports(Assignments assignments, AssignmentStore assignmentStore, ReportStore store,
			EvidenceStore files, AuditTrail audit, MessageSource messages, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.assignments = assignments;
		this.assignmentStore = assignmentStore;
		this.store = store;
		this.files = files;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	@Transactional
	public Submitted submit(CurrentUser user, long assignmentId, String text, Integer percent, BigDecimal value,
			List<Upload> uploads, Long resubmissionOf) {
		if (!user.can(Permissions.REPORT_SUBMIT) || user.unitId() == null) {
			throw new AccessDeniedException(Permissions.REPORT_SUBMIT);
		}
		// Before any arithmetic: 1e50000000 would keep a core busy dividing.
		Decimals.check("value", value, VALUE_DIGITS, VALUE_SCALE);
		AssignmentView a = assignments.get(user.scope(), assignmentId);
		List<FieldProblem> problems = new ArrayList<>();
		if (a.signedOffAt() != null) {
			problems.add(FieldProblem.of("percent", "report.error.signedOff"));
		}
		if (a.withdrawn()) {
			throw new ConflictException("assignment.error.withdrawn");
		}
		if (text == null || text.isBlank()) {
			problems.add(FieldProblem.of("text", "report.error.text.required"));
		}
		else if (text.length() > 4000) {
			problems.add(FieldProblem.of("text", "unit.error.text.long", 4000));
		}
		int done;
		if (value != null && a.targetValue() != null) {
			if (value.signum() < 0) {
				problems.add(FieldProblem.of("value", "report.error.value.negative"));
			}
			done = value.signum() <= 0 ? 0
					: value.multiply(BigDecimal.valueOf(100))
						.divide(a.targetValue(), 0, RoundingMode.DOWN)
						.min(BigDecimal.valueOf(100))
						.intValue();
		}
		else if (percent == null && a.targetValue() != null) {
			// a numeric target is reported as the value reached, in the target's unit (e.g. 座)
			problems.add(FieldProblem.of("value", "report.error.value.required",
					a.targetUnit() == null ? "" : a.targetUnit()));
			done = 0;
		}
		else if (percent == null) {
			problems.add(FieldProblem.of("percent", "report.error.percent.required"));
			done = 0;
		}
		else if (percent < 0 || percent > 100) {
			problems.add(FieldProblem.of("percent", "assignment.error.percent.range"));
			done = 0;
		}
		else {
			done = percent;
		}
		List<Upload> given = uploads == null ? List.of() : uploads.stream().filter(u -> u != null).toList();
		if (given.size() > MAX_FILES) {
			problems.add(FieldProblem.of("files", "report.error.files.tooMany", MAX_FILES));
		}
		if (resubmissionOf != null) {
			ReportRow previous = store.find(resubmissionOf).orElse(null);
			if (previous == null || previous.assignmentId() != assignmentId || !"RETURNED".equals(previous.status())) {
				problems.add(FieldProblem.of("resubmissionOf", "report.error.resubmission"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		// Store every file first: a bad file refuses the whole report (the transaction rolls back).
		List<StoredFile> stored = new ArrayList<>();
		List<FieldProblem> fileProblems = new ArrayList<>();
		for (Upload upload : given) {
			try (InputStream in = upload.content()) {
				stored.add(files.store(a.cityId(), user.username(), upload.name(), in));
			}
			catch (InvalidInputException ex) {
				fileProblems.addAll(ex.problems());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (!fileProblems.isEmpty()) {
			throw new InvalidInputException(fileProblems);
		}
		Instant now = clock.instant();
		ReportStore.NewReport report = new ReportStore.NewReport(assignmentId, a.cityId(), user.unitId(), text.trim(),
				done, value, resubmissionOf);
		long id = store.insert(report, user.username(), now);
		for (StoredFile f : stored) {
			store.insertEvidence(report, id, f, now);
		}
		audit.record(AuditEntry.of("REPORT_SUBMIT")
			.city(a.cityId())
			.object("progress_report", id)
			.change("assignment", null, assignmentId)
			.change("percent", null, done)
			.change("value", null, value)
			.change("files", null, stored.stream().map(StoredFile::name).toList()));
		// In this transaction: the publication registry stores it with the report, so no listener misses it.
		events.publishEvent(new ProgressReportSubmitted(id, assignmentId, a.cityId(), user.unitId(), a.indicatorCode(),
				a.indicatorName(), now));
		ReportView view = view(user, a, store.find(id).orElseThrow());
		return new Submitted(id, view.warnings());
	}

	@Transactional
	public ReportView review(CurrentUser user, long reportId, Decision decision, String reason) {
		if (!user.can(Permissions.REPORT_REVIEW)) {
			throw new AccessDeniedException(Permissions.REPORT_REVIEW);
		}
		ReportRow report = store.find(reportId).orElseThrow(() -> new NotFoundException("report", reportId));
		AssignmentView a = assignments.get(user.scope(), report.assignmentId());
		if (decision == null) {
			throw new InvalidInputException(FieldProblem.of("decision", "report.error.decision"));
		}
		if (report.submittedBy().equals(user.username())) {
			throw new InvalidInputException(FieldProblem.of("decision", "report.error.ownReport"));
		}
		if (decision == Decision.RETURN && (reason == null || reason.isBlank())) {
			throw new InvalidInputException(FieldProblem.of("reason", "report.error.reason.required"));
		}
		if (reason != null && reason.length() > 1000) {
			throw new InvalidInputException(FieldProblem.of("reason", "unit.error.text.long", 1000));
		}
		if (!"SUBMITTED".equals(report.status())) {
			throw new ConflictException("report.error.decided");
		}
		Instant now = clock.instant();
		String status = decision == Decision.APPROVE ? "APPROVED" : "RETURNED";
		if (!store.decide(reportId, status, user.username(), blank(reason), now)) {
			throw new ConflictException("report.error.decided");
		}
		audit.record(AuditEntry.of(decision == Decision.APPROVE ? "REPORT_APPROVE" : "REPORT_RETURN")
			.city(a.cityId())
			.object("progress_report", reportId)
			.reason(blank(reason))
			.change("status", report.status(), status));
		if (decision == Decision.APPROVE) {
			events.publishEvent(new ProgressReportApproved(reportId, a.id(), a.cityId(), report.unitId(),
					a.indicatorCode(), a.indicatorName(), user.username(), now));
		}
		else {
			events.publishEvent(new ProgressReportReturned(reportId, a.id(), a.cityId(), report.unitId(),
					a.indicatorCode(), a.indicatorName(), blank(reason), user.username(), now));
		}
		if (decision == Decision.APPROVE && a.signedOffAt() == null) {
			boolean reached = report.percent() >= 100 || (a.targetValue() != null && report.valueReached() != null
					&& report.valueReached().compareTo(a.targetValue()) >= 0);
			assignmentStore.setProgress(a.id(), reached ? 100 : report.percent(), report.valueReached(),
					reached ? now : null, reached ? user.username() : null);
			audit.record(AuditEntry.of("ASSIGNMENT_PROGRESS")
				.city(a.cityId())
				.object("assignment", a.id())
				.change("percent", a.percent(), reached ? 100 : report.percent())
				.change("valueReached", a.valueReached(), report.valueReached()));
			if (reached) {
				audit.record(AuditEntry.of("ASSIGNMENT_SIGN_OFF")
					.city(a.cityId())
					.object("assignment", a.id())
					.change("signedOffAt", null, now));
			}
		}
		return view(user, assignments.get(user.scope(), a.id()), store.find(reportId).orElseThrow());
	}

	/** The reports of an assignment the caller can see, newest first, with warnings. */
	@Transactional(readOnly = true)
	public List<ReportView> ofAssignment(CurrentUser user, long assignmentId) {
		AssignmentView a = assignments.read(user, assignmentId);
		return views(user, a.cityId(), store.ofAssignment(assignmentId));
	}

	@Transactional(readOnly = true)
	public ReportView get(CurrentUser user, long reportId) {
		ReportRow report = store.find(reportId).orElseThrow(() -> new NotFoundException("report", reportId));
		AssignmentView a = assignments.get(user.scope(), report.assignmentId());
		return view(user, a, report);
	}

	/** The caller's unit's returned reports still waiting for a resubmission: the first {@code page}, and how many in all. */
	@Transactional(readOnly = true)
	public Page<ReportView> returnedToMe(CurrentUser user, PageRequest page) {
		if (user.unitId() == null) {
			return Page.empty(page);
		}
		return Page.read(page,
				() -> views(user, user.cityId() == null ? -1 : user.cityId(), store.returnedOpen(user.unitId(), page)),
				() -> store.countReturnedOpen(user.unitId()));
	}

	/** How many of a unit's returned reports still wait for a resubmission; 0 for a unit outside the caller's scope. */
	@Transactional(readOnly = true)
	public int countReturnedOpen(CurrentUser user, UnitView unit) {
		if (!user.can(Permissions.ASSIGNMENT_READ) || !user.scope().includesUnit(unit.cityId(), unit.path())) {
			return 0;
		}
		return store.countReturnedOpen(unit.id());
	}

	/** How many reports wait for the office's review in the caller's city. */
	@Transactional(readOnly = true)
	public long countWaitingForReview(CurrentUser user) {
		if (!user.can(Permissions.REPORT_REVIEW) || user.cityId() == null) {
			return 0;
		}
		return store.countWaiting(user.cityId());
	}

	/** An evidence file of an assignment the caller can see. */
	@Transactional(readOnly = true)
	public StoredFile evidenceFile(CurrentUser user, long assignmentId, long evidenceId) {
		assignments.read(user, assignmentId);
		EvidenceRow row = store.evidenceOf(assignmentId, evidenceId)
			.orElseThrow(() -> new NotFoundException("evidence", evidenceId));
		return files.find(row.fileId()).orElseThrow(() -> new NotFoundException("evidence", evidenceId));
	}

	private ReportView view(CurrentUser viewer, AssignmentView a, ReportRow row) {
		return views(viewer, a.cityId(), List.of(row)).get(0);
	}

	/**
	 * Reports with evidence and warnings as the viewer may see them: a duplicate-evidence warning
	 * names (and links) the earlier report only when the viewer may open its assignment. Also for
	 * {@link ReviewQueue}.
	 */
	List<ReportView> views(CurrentUser viewer, long cityId, List<ReportRow> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, List<EvidenceRow>> evidence = store.evidence(rows.stream().map(ReportRow::id).toList());
		Set<String> shas = new HashSet<>();
		Set<Long> fileIds = new HashSet<>();
		evidence.values().forEach(list -> list.forEach(e -> {
			shas.add(e.sha256());
			fileIds.add(e.fileId());
		}));
		Map<String, List<long[]>> uses = store.uses(cityId, shas);
		Set<Long> openable = assignmentStore.visible(viewer.scope(),
				uses.values().stream().flatMap(List::stream).map(u -> u[2]).collect(Collectors.toSet()));
		Map<Long, StoredFile> stored = files.findAll(fileIds)
			.stream()
			.collect(Collectors.toMap(StoredFile::id, Function.identity()));
		int oldPhotoDays = assignmentStore.settings(cityId).oldPhotoDays();
		List<ReportView> views = new ArrayList<>();
		for (ReportRow r : rows) {
			List<ReportView.EvidenceView> ev = new ArrayList<>();
			List<ReportView.Warning> warnings = new ArrayList<>();
			for (EvidenceRow e : evidence.getOrDefault(r.id(), List.of())) {
				StoredFile f = stored.get(e.fileId());
				ev.add(new ReportView.EvidenceView(e.id(), e.fileId(), e.name(), f == null ? "" : f.kind().name(),
						f != null && f.kind().isImage(), f != null && f.thumbnail(), f == null ? 0 : f.size(),
						e.capturedAt()));
				uses.getOrDefault(e.sha256(), List.of())
					.stream()
					.filter(u -> u[0] < e.id())
					.findFirst()
					.ifPresent(u -> warnings.add(openable.contains(u[2])
							? new ReportView.Warning(e.name(), "DUPLICATE_EVIDENCE",
									text("report.warning.duplicate", e.name(), u[1]), u[2], u[1])
							: new ReportView.Warning(e.name(), "DUPLICATE_EVIDENCE",
									text("report.warning.duplicateElsewhere", e.name()), null, null)));
				if (e.capturedAt() != null
						&& e.capturedAt().isBefore(r.submittedAt().minus(Duration.ofDays(oldPhotoDays)))) {
					long days = Duration.between(e.capturedAt(), r.submittedAt()).toDays();
					warnings.add(new ReportView.Warning(e.name(), "OLD_PHOTO",
							text("report.warning.oldPhoto", e.name(), days), null, null));
				}
			}
			views.add(new ReportView(r.id(), r.assignmentId(), r.unitId(), r.unitName(), r.text(), r.percent(),
					r.valueReached(), ReportView.Status.valueOf(r.status()), r.resubmissionOf(), r.submittedBy(),
					r.submittedAt(), r.reviewedBy(), r.reviewedAt(), r.reviewReason(), ev, warnings));
		}
		return views;
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
