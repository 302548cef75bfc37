package cn.chuangwen.projects.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.chuangwen.files.Uploads;
import cn.chuangwen.organization.CommandBody;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.projects.BudgetRule;
import cn.chuangwen.projects.PlanView;
import cn.chuangwen.projects.Plans;
import cn.chuangwen.projects.ProjectDraft;
import cn.chuangwen.projects.ProjectView;
import cn.chuangwen.projects.Projects;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Key projects as JSON (issue 12 §6): readers list and open the projects in their scope; the office
 * creates and replaces them (PUT: the whole project, links included) and enters spending with its
 * invoice scan (multipart {@code amount}, {@code note}, optional {@code date}, one file in {@code files});
 * the office and the lead unit upload plan versions, a city leader decides them.
 */
@RestController
@RequestMapping("/api/v1/projects")
@PreAuthorize("hasAnyAuthority('project:read', 'project:manage')")
class ProjectsApi {

	private final Projects projects;

	private final Plans plans;

	ProjectsApi(Projects projects, Plans plans) {
		this.projects = projects;
		this.plans = plans;
	}

	record DecisionBody(String decision, String note) {
	}

	record UnitJson(long id, String name) {
	}

	record ProjectJson(long id, String name, String goal, long cityId, String leaderUsername, String leaderName,
			long leadUnitId, String leadUnitName, List<Long> cooperatingUnitIds, List<UnitJson> cooperatingUnits,
			BigDecimal budget, BigDecimal spent, int spentPercent, boolean budgetWarning, String state,
			List<Long> linkedAssignmentIds, List<Long> linkedProblemIds, int version) {

		static ProjectJson of(ProjectView p) {
			return new ProjectJson(p.id(), p.name(), p.goal(), p.cityId(), p.leaderUsername(), p.leaderName(),
					p.leadUnitId(), p.leadUnitName(), p.cooperatingUnitIds(),
					p.cooperating().stream().map(u -> new UnitJson(u.id(), u.name())).toList(), p.budget(), p.spent(),
					p.spentPercent(), p.budgetWarning(), p.state().name(), p.linkedAssignmentIds(),
					p.linkedProblemIds(), p.version());
		}

	}

	record SpendingJson(long id, long projectId, BigDecimal amount, BigDecimal budget, BigDecimal spent,
			int spentPercent, boolean warning) {
	}

	@GetMapping
	ResponseEntity<List<ProjectJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		return PagedResponse.of(projects.page(user, request).map(ProjectJson::of));
	}

	@GetMapping("/{id}")
	ProjectJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return ProjectJson.of(projects.get(user, id));
	}

	@PostMapping
	@PreAuthorize("hasAuthority('project:manage')")
	ResponseEntity<ProjectJson> create(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) ProjectDraft body) {
		ProjectView p = projects.create(user, body == null ? empty() : body);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/projects/" + p.id()))
			.body(ProjectJson.of(p));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('project:manage')")
	ProjectJson update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) ProjectDraft body) {
		return ProjectJson.of(projects.update(user, id, body == null ? empty() : body));
	}

	record TaskForceBody(Long taskForceId) {
	}

	record TaskForceJson(long projectId, long taskForceId, String name) {
	}

	/** Names the project's task force (专班): {@code {taskForceId}}, a TASK_FORCE body of the city (400 otherwise). */
	@PutMapping("/{id}/task-force")
	@PreAuthorize("hasAuthority('project:manage')")
	TaskForceJson taskForce(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) TaskForceBody body) {
		Long bodyId = body == null ? null : body.taskForceId();
		if (bodyId == null) {
			throw new InvalidInputException(FieldProblem.of("taskForceId", "project.error.taskForce"));
		}
		projects.setTaskForce(user, id, bodyId);
		CommandBody force = projects.detail(user, id).taskForce();
		return new TaskForceJson(id, bodyId, force == null ? null : force.name());
	}

	@PostMapping("/{id}/spending")
	@PreAuthorize("hasAuthority('project:manage')")
	ResponseEntity<SpendingJson> spending(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String amount, @RequestParam(required = false) String note,
			@RequestParam(required = false) String date, @RequestParam(required = false) List<MultipartFile> files)
			throws IOException {
		Projects.SpendingAdded added = projects.addSpending(user, id, amount, note, date, Uploads.of(files));
		ProjectView p = added.project();
		return ResponseEntity.created(URI.create("/api/v1/projects/" + id))
			.body(new SpendingJson(added.spendingId(), id, new BigDecimal(amount.strip()).setScale(2), p.budget(),
					p.spent(), p.spentPercent(), added.outcome() == BudgetRule.Outcome.WARNING));
	}

	/** The project's plans (方案), each with its versions newest first. */
	@GetMapping("/{id}/plans")
	List<PlanView> plans(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return plans.of(user, id);
	}

	/** A new version of a named plan: multipart {@code name}, {@code note}, one file in {@code files}. */
	@PostMapping("/{id}/plans")
	ResponseEntity<PlanView> uploadPlan(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String name, @RequestParam(required = false) String note,
			@RequestParam(required = false) List<MultipartFile> files) throws IOException {
		PlanView plan = plans.upload(user, id, name, note, Uploads.of(files));
		return ResponseEntity.created(URI.create("/api/v1/projects/" + id + "/plans")).body(plan);
	}

	/** A city leader approves or rejects a plan version: {@code {decision: APPROVED|REJECTED, note}}. */
	@PostMapping("/{id}/plans/versions/{versionId}/decision")
	@PreAuthorize("hasAuthority('project:approve')")
	PlanView decidePlan(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long versionId,
			@RequestBody(required = false) DecisionBody body) {
		DecisionBody b = body == null ? new DecisionBody(null, null) : body;
		return plans.decide(user, id, versionId, b.decision(), b.note());
	}

	private static ProjectDraft empty() {
		return new ProjectDraft(null, null, null, null, null, null, null, null, null);
	}

}
