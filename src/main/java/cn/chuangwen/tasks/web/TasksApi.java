package cn.chuangwen.tasks.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
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
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.Decimals;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.tasks.AssignmentDraft;
import cn.chuangwen.tasks.AssignmentFilter;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.BattleMap;
import cn.chuangwen.tasks.Milestone;
import cn.chuangwen.tasks.ProgressReports;
import cn.chuangwen.tasks.ReportView;

/** JSON API of decomposition, progress reports, review and the battle map (/api/v1). */
@RestController
@RequestMapping("/api/v1")
class TasksApi {

	private final Assignments assignments;

	private final ProgressReports reports;

	private final BattleMap battleMap;

	private final Cities cities;

	TasksApi(Assignments assignments, ProgressReports reports, BattleMap battleMap, Cities cities) {
		this.cities = cities;
		this.assignments = assignments;
		this.reports = reports;
		this.battleMap = battleMap;
	}

	/**
	 * An assignment; {@code targetValue} is what progress is measured against (the unit's share of
	 * the city target, else the whole target), {@code warnings} what the office should read after a
	 * save (shares not adding up to the city target).
	 */
	record AssignmentJson(long id, String indicatorCode, String indicatorName, long leadUnitId,
			List<Long> cooperatingUnitIds, LocalDate startDate, LocalDate deadline, int percent,
			BigDecimal valueReached, BigDecimal targetValue, BigDecimal targetShare, String targetUnit,
			AssignmentState state, List<Milestone> milestones, boolean withdrawn, int version, List<String> warnings) {

		static AssignmentJson of(AssignmentView a) {
			return of(a, List.of());
		}

		static AssignmentJson of(AssignmentView a, List<String> warnings) {
			return new AssignmentJson(a.id(), a.indicatorCode(), a.indicatorName(), a.leadUnitId(),
					a.cooperatingUnitIds(), a.startDate(), a.deadline(), a.percent(), a.valueReached(), a.targetValue(),
					a.target().share(), a.targetUnit(), a.state(), a.milestones(), a.withdrawn(), a.version(), warnings);
		}

	}

	record ResponsibleJson(String name, String post, String phone) {
	}

	record AssignmentRequest(Long indicatorId, Long leadUnitId, List<Long> cooperatingUnitIds,
			ResponsibleJson responsiblePerson, String targetDescription, BigDecimal targetShare, LocalDate startDate,
			LocalDate deadline, List<Milestone> milestones) {

		AssignmentDraft draft() {
			ResponsibleJson r = responsiblePerson;
			return new AssignmentDraft(indicatorId, leadUnitId, cooperatingUnitIds,
					r == null ? null : new AssignmentView.Responsible(r.name(), r.post(), r.phone()), targetDescription,
					targetShare, startDate, deadline, milestones);
		}

	}

	/** The POST body plus the version read and the reason for the change. */
	record AssignmentUpdateRequest(Long indicatorId, Long leadUnitId, List<Long> cooperatingUnitIds,
			ResponsibleJson responsiblePerson, String targetDescription, BigDecimal targetShare, LocalDate startDate,
			LocalDate deadline, List<Milestone> milestones, Integer version, String reason) {

		AssignmentDraft draft() {
			return new AssignmentRequest(indicatorId, leadUnitId, cooperatingUnitIds, responsiblePerson,
					targetDescription, targetShare, startDate, deadline, milestones).draft();
		}

	}

	record WithdrawRequest(String reason) {
	}

	record ReviewRequest(ProgressReports.Decision decision, String reason) {
	}

	record SubmittedJson(long id, List<ReportView.Warning> warnings) {
	}

	record BattleMapJson(List<GroupJson> groups, List<UnitJson> units, List<CellJson> cells) {
	}

	record GroupJson(String code, String name) {
	}

	record UnitJson(long id, String name, String group) {
	}

	record CellJson(long unitId, String groupCode, Map<AssignmentState, Long> counts) {
	}

	@GetMapping("/assignments")
	@PreAuthorize("hasAuthority('assignment:read')")
	ResponseEntity<List<AssignmentJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) Long unitId, @RequestParam(required = false) String state,
			@RequestParam(required = false) String indicatorCode, @RequestParam(required = false) Long systemId,
			@RequestParam(required = false) String cityCode, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		PageRequest request = PageRequest.parse(page, size);
		AssignmentState s = null;
		if (state != null && !state.isBlank()) {
			s = List.of(AssignmentState.values()).stream().filter(x -> x.name().equals(state)).findFirst()
				.orElseThrow(() -> new InvalidInputException(FieldProblem.of("state", "assignment.error.state", state)));
		}
		return PagedResponse.of(assignments
			.page(user, cityId(user, cityCode), new AssignmentFilter(systemId, unitId, null, blank(indicatorCode), s),
					request)
			.map(AssignmentJson::of));
	}

	@GetMapping("/assignments/{id}")
	@PreAuthorize("hasAuthority('assignment:read')")
	AssignmentJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return AssignmentJson.of(assignments.read(user, id));
	}

	@PostMapping("/assignments")
	@PreAuthorize("hasAuthority('assignment:write')")
	ResponseEntity<AssignmentJson> create(@AuthenticationPrincipal CurrentUser user,
			@RequestBody AssignmentRequest request) {
		AssignmentView created = assignments.create(user, request.draft());
		return ResponseEntity.created(URI.create("/api/v1/assignments/" + created.id()))
			.body(AssignmentJson.of(created));
	}

	/** Changes an assignment: 409 when someone saved it since {@code version}, 400 without a reason. */
	@PutMapping("/assignments/{id}")
	@PreAuthorize("hasAuthority('assignment:write')")
	AssignmentJson update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody AssignmentUpdateRequest request) {
		Assignments.Saved saved = assignments.update(user, id, request.version(), request.draft(), request.reason());
		return AssignmentJson.of(saved.assignment(), saved.warnings());
	}

	/** Withdraws an assignment (撤销) with a reason; it stays readable by id, marked withdrawn. */
	@PostMapping("/assignments/{id}/withdraw")
	@PreAuthorize("hasAuthority('assignment:write')")
	AssignmentJson withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) WithdrawRequest request) {
		return AssignmentJson.of(assignments.withdraw(user, id, null, request == null ? null : request.reason()));
	}

	@PostMapping(path = "/assignments/{id}/reports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('report:submit')")
	ResponseEntity<SubmittedJson> report(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String text, @RequestParam(required = false) String percent,
			@RequestParam(required = false) String value, @RequestParam(required = false) Long resubmissionOf,
			@RequestParam(required = false) List<MultipartFile> files) throws IOException {
		var submitted = reports.submit(user, id, text, parseInt("percent", percent), parseDecimal("value", value),
				Uploads.of(files), resubmissionOf);
		return ResponseEntity.created(URI.create("/api/v1/reports/" + submitted.id()))
			.body(new SubmittedJson(submitted.id(), submitted.warnings()));
	}

	@GetMapping("/reports/{id}")
	@PreAuthorize("hasAuthority('assignment:read')")
	ReportView reportOf(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return reports.get(user, id);
	}

	@PostMapping("/reports/{id}/review")
	@PreAuthorize("hasAuthority('report:review')")
	ReportView review(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody ReviewRequest request) {
		return reports.review(user, id, request.decision(), request.reason());
	}

	@GetMapping("/battle-map")
	@PreAuthorize("hasAuthority('assignment:read')")
	BattleMapJson battleMap(@AuthenticationPrincipal CurrentUser user, @RequestParam long systemId) {
		BattleMap.Data data = battleMap.of(user, systemId, null, null);
		return new BattleMapJson(data.groups().stream().map(g -> new GroupJson(g.code(), g.name())).toList(),
				data.units().stream().map(u -> new UnitJson(u.id(), u.name(), u.group())).toList(),
				data.cells().stream().map(c -> {
					Map<AssignmentState, Long> counts = new EnumMap<>(AssignmentState.class);
					for (AssignmentState s : AssignmentState.values()) {
						counts.put(s, c.counts().getOrDefault(s, 0L));
					}
					return new CellJson(c.unitId(), c.groupCode(), counts);
				}).toList());
	}

	/** The caller's city, or for province staff the city asked for. */
	private Long cityId(CurrentUser user, String cityCode) {
		if (user.cityId() != null || cityCode == null) {
			return user.cityId();
		}
		return cities.byCode(user.scope(), cityCode).map(c -> c.id()).orElse(null);
	}


	static Integer parseInt(String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(FieldProblem.of(field, "assignment.error.percent.range"));
		}
	}

	/** A reached value: bounded before any arithmetic, like its column numeric(14,3). */
	static BigDecimal parseDecimal(String field, String text) {
		return Decimals.parse(field, text, ProgressReports.VALUE_DIGITS, ProgressReports.VALUE_SCALE);
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
