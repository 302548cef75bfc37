package cn.chuangwen.projects.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
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
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.projects.BudgetRule;
import cn.chuangwen.projects.FundAllocation;
import cn.chuangwen.projects.FundIncrease;
import cn.chuangwen.projects.Funds;
import cn.chuangwen.projects.FundsYear;
import cn.chuangwen.projects.ProjectDetail;

/**
 * Creation funds as JSON (T4): readers read the year (a liaison its unit's allocations only); the
 * office sets the budget, allocates, enters spending (multipart {@code amount}, {@code note}, optional
 * {@code date}, one file in {@code files}) and asks for increases; a city leader decides them.
 */
@RestController
@RequestMapping("/api/v1/funds")
@PreAuthorize("hasAuthority('fund:read')")
class FundsApi {

	private final Funds funds;

	FundsApi(Funds funds) {
		this.funds = funds;
	}

	record AllocationJson(long id, int year, Long projectId, Long unitId, String target, BigDecimal amount,
			BigDecimal spent, int spentPercent, boolean warning, BigDecimal pendingIncrease, String note, int version) {

		static AllocationJson of(FundAllocation a) {
			return new AllocationJson(a.id(), a.year(), a.projectId(), a.unitId(), a.targetName(), a.amount(), a.spent(),
					a.spentPercent(), a.warning(), a.pendingIncrease(), a.note(), a.version());
		}

	}

	record IncreaseJson(long id, long allocationId, String target, BigDecimal amount, String reason, String state,
			String requestedBy, String decidedBy, String decisionNote) {

		static IncreaseJson of(FundIncrease i) {
			return new IncreaseJson(i.id(), i.allocationId(), i.targetName(), i.amount(), i.reason(), i.state().name(),
					i.asked().by(), i.decided().by(), i.decided().note());
		}

	}

	record YearJson(int year, BigDecimal budget, BigDecimal allocated, BigDecimal spent,
			List<AllocationJson> allocations, List<IncreaseJson> pendingIncreases) {

		static YearJson of(FundsYear y) {
			return new YearJson(y.year(), y.budget(), y.allocated(), y.spent(),
					y.allocations().stream().map(AllocationJson::of).toList(),
					y.pending().stream().map(IncreaseJson::of).toList());
		}

	}

	record AllocationDetailJson(AllocationJson allocation, List<ProjectDetail.Spending> spending,
			List<IncreaseJson> increases) {
	}

	record BudgetBody(String year, String amount) {
	}

	record AllocationBody(String year, Long projectId, Long unitId, String amount, String note) {
	}

	record IncreaseBody(String amount, String reason) {
	}

	record AllocationUpdateBody(String amount, String note) {
	}

	record DecisionBody(String decision, String note) {
	}

	record SpendingJson(long id, long allocationId, BigDecimal allocation, BigDecimal spent, int spentPercent,
			boolean warning) {
	}

	@GetMapping
	YearJson year(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String year) {
		return YearJson.of(funds.year(user, year));
	}

	@PutMapping("/budget")
	@PreAuthorize("hasAuthority('fund:manage')")
	YearJson budget(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) BudgetBody body) {
		BudgetBody b = body == null ? new BudgetBody(null, null) : body;
		return YearJson.of(funds.setBudget(user, b.year(), b.amount()));
	}

	@PostMapping("/allocations")
	@PreAuthorize("hasAuthority('fund:manage')")
	ResponseEntity<AllocationJson> allocate(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) AllocationBody body) {
		AllocationBody b = body == null ? new AllocationBody(null, null, null, null, null) : body;
		FundAllocation a = funds.allocate(user, b.year(), b.projectId(), b.unitId(), b.amount(), b.note());
		return ResponseEntity.created(URI.create("/api/v1/funds/allocations/" + a.id())).body(AllocationJson.of(a));
	}

	@GetMapping("/allocations/{id}")
	AllocationDetailJson allocation(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		Funds.Detail d = funds.detail(user, id);
		return new AllocationDetailJson(AllocationJson.of(d.allocation()), d.spending(),
				d.increases().stream().map(IncreaseJson::of).toList());
	}

	@PutMapping("/allocations/{id}")
	@PreAuthorize("hasAuthority('fund:manage')")
	AllocationJson update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) AllocationUpdateBody body) {
		AllocationUpdateBody b = body == null ? new AllocationUpdateBody(null, null) : body;
		return AllocationJson.of(funds.updateAllocation(user, id, b.amount(), b.note()));
	}

	@PostMapping("/allocations/{id}/spending")
	@PreAuthorize("hasAuthority('fund:manage')")
	ResponseEntity<SpendingJson> spending(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String amount, @RequestParam(required = false) String note,
			@RequestParam(required = false) String date, @RequestParam(required = false) List<MultipartFile> files)
			throws IOException {
		Funds.Spent s = funds.addSpending(user, id, new Funds.Entry(amount, note, date, Uploads.of(files)));
		FundAllocation a = s.allocation();
		return ResponseEntity.created(URI.create("/api/v1/funds/allocations/" + id))
			.body(new SpendingJson(s.spendingId(), id, a.amount(), a.spent(), a.spentPercent(),
					s.outcome() == BudgetRule.Outcome.WARNING));
	}

	@PostMapping("/allocations/{id}/increases")
	@PreAuthorize("hasAuthority('fund:manage')")
	ResponseEntity<IncreaseJson> increase(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) IncreaseBody body) {
		IncreaseBody b = body == null ? new IncreaseBody(null, null) : body;
		FundIncrease i = funds.requestIncrease(user, id, b.amount(), b.reason());
		return ResponseEntity.status(HttpStatus.CREATED).body(IncreaseJson.of(i));
	}

	@PostMapping("/increases/{id}/decision")
	@PreAuthorize("hasAuthority('project:approve')")
	IncreaseJson decide(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) DecisionBody body) {
		DecisionBody b = body == null ? new DecisionBody(null, null) : body;
		return IncreaseJson.of(funds.decide(user, id, b.decision(), b.note()));
	}

}
