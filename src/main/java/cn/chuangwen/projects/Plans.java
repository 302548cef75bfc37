package cn.chuangwen.projects;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.files.Upload;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.FileKind;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Units;
import cn.chuangwen.projects.internal.ProjectPlanStore;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * Plans (方案) of a key project (issue 12 §2, X4): the office or the lead unit's liaison uploads a
 * file (PDF, Word or an image, checked by the files module) as a new version of a named plan;
 * versions are kept; a city leader ({@code project:approve}, never the uploader) approves or rejects
 * a version once, with a note. The project page shows each plan's approved version in force and the
 * newer draft waiting. Readers of the project read its plans; every change is traced on the project.
 */
@Service
public class Plans {

	public static final int MAX_NAME = 200;

	/** What a plan may be: documents and scans, not spreadsheets. */
	public static final Set<FileKind> KINDS = EnumSet.of(FileKind.PDF, FileKind.DOCX, FileKind.JPEG, FileKind.PNG,
			FileKind.WEBP);

	private final ProjectPlanStore store;

	private final Projects projects;

	private final Units units;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final Clock clock;

	public Plans(ProjectPlanStore store, Projects projects, Units units, EvidenceStore files, AuditTrail audit, Clock clock) {
		this.store = store;
		this.projects = projects;
		this.units = units;
		this.files = files;
		this.audit = audit;
		this.clock = clock;
	}

	/** A project's plans, for a reader of the project (404 otherwise). */
	@Transactional(readOnly = true)
	public List<PlanView> of(CurrentUser user, long projectId) {
		projects.get(user, projectId);
		return store.plans(projectId);
	}

	/** Whether the user may upload plans of the project: the office of its city or its lead unit. */
	public boolean mayUpload(CurrentUser user, ProjectView p) {
		if (user.cityId() == null || user.cityId() != p.cityId()) {
			return false;
		}
		if (user.can(Permissions.PROJECT_MANAGE)) {
			return true;
		}
		return user.can(Permissions.PROJECT_READ) && user.unitId() != null
				&& !units.findAll(user.scope(), List.of(p.leadUnitId())).isEmpty();
	}

	/**
	 * A new version of the named plan (made when new), waiting for approval: 400 naming the field
	 * (no name, no file or more than one, a file that is not PDF, Word or an image); 403 for anyone but
	 * the office and the lead unit.
	 */
	@Transactional
	public PlanView upload(CurrentUser user, long projectId, String nameText, String noteText,
			List<Upload> uploads) {
		ProjectView p = projects.get(user, projectId);
		if (!mayUpload(user, p)) {
			throw new AccessDeniedException("plan:upload");
		}
		List<FieldProblem> bad = new ArrayList<>();
		String name = Projects.trim(nameText);
		if (name == null) {
			bad.add(FieldProblem.of("name", "projectPlan.error.name.required"));
		}
		else if (name.length() > MAX_NAME) {
			bad.add(FieldProblem.of("name", "project.error.name.tooLong", MAX_NAME));
		}
		String note = Projects.trim(noteText);
		if (note != null && note.length() > Projects.MAX_NOTE) {
			bad.add(FieldProblem.of("note", "project.error.note.tooLong", Projects.MAX_NOTE));
		}
		List<Upload> given = uploads == null ? List.of() : uploads;
		if (given.size() != 1) {
			bad.add(FieldProblem.of(EvidenceStore.FIELD, given.isEmpty() ? "projectPlan.error.file.required"
					: "project.error.evidence.one"));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		StoredFile file = files.store(p.cityId(), user.username(), given.get(0).name(), given.get(0).content());
		if (!KINDS.contains(file.kind())) {
			// the transaction rolls back: no row, and the files module removes the blob
			throw new InvalidInputException(FieldProblem.of(EvidenceStore.FIELD, "projectPlan.error.file.kind", file.name()));
		}
		Instant now = now();
		long plan = store.plan(projectId, p.cityId(), name, user.username(), now);
		long[] version = store.addVersion(plan, note, file.id(), user.username(), now);
		audit.record(AuditEntry.of("PLAN_UPLOAD")
			.city(p.cityId())
			.object("project", projectId)
			.change("plan", null, name + " v" + version[1])
			.change("evidence", null, file.name() + " #" + file.id()));
		return store.plans(projectId).stream().filter(v -> v.id() == plan).findFirst().orElseThrow();
	}

	/**
	 * A city leader of the project's city approves or rejects a version with a note: 403 for the
	 * uploader, 409 once decided, 400 on {@code decision} when it is neither.
	 */
	@Transactional
	public PlanView decide(CurrentUser user, long projectId, long versionId, String decisionText, String noteText) {
		if (!user.can(Permissions.PROJECT_APPROVE) || user.cityId() == null) {
			throw new AccessDeniedException("project:approve");
		}
		ProjectView p = projects.get(user, projectId);
		if (p.cityId() != user.cityId()) {
			throw new NotFoundException("project", projectId);
		}
		List<FieldProblem> bad = new ArrayList<>();
		String d = Projects.trim(decisionText);
		PlanView.State decision = null;
		if ("APPROVED".equals(d) || "REJECTED".equals(d)) {
			decision = PlanView.State.valueOf(d);
		}
		else {
			bad.add(FieldProblem.of("decision", "fund.error.decision.invalid"));
		}
		String note = Projects.trim(noteText);
		if (note != null && note.length() > Projects.MAX_NOTE) {
			bad.add(FieldProblem.of("note", "project.error.note.tooLong", Projects.MAX_NOTE));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		String[] v = store.lockVersion(projectId, versionId).orElseThrow(() -> new NotFoundException("plan", versionId));
		if (v[3].equals(user.username())) {
			throw new AccessDeniedException("plan:own-version");
		}
		if (!store.decide(versionId, decision, user.username(), note, now())) {
			throw new ConflictException("projectPlan.error.decided");
		}
		AuditEntry entry = AuditEntry.of(decision == PlanView.State.APPROVED ? "PLAN_APPROVE" : "PLAN_REJECT")
			.city(p.cityId())
			.object("project", projectId)
			.change("plan", null, v[0] + " v" + v[1]);
		if (note != null) {
			entry.reason(note);
		}
		audit.record(entry);
		return store.plans(projectId).stream()
			.filter(x -> x.versions().stream().anyMatch(y -> y.id() == versionId))
			.findFirst()
			.orElseThrow();
	}

	/** A version's file, for a reader of the project. */
	@Transactional(readOnly = true)
	public StoredFile file(CurrentUser user, long projectId, long versionId) {
		projects.get(user, projectId);
		long fileId = store.fileOf(projectId, versionId).orElseThrow(() -> new NotFoundException("plan", versionId));
		return files.find(fileId).orElseThrow(() -> new NotFoundException("file", fileId));
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
