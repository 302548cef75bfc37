package cn.chuangwen.innovation.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
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
import cn.chuangwen.innovation.CaseView;
import cn.chuangwen.innovation.ContestDraft;
import cn.chuangwen.innovation.ContestView;
import cn.chuangwen.innovation.Innovation;
import cn.chuangwen.innovation.RankLine;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Innovation case contests as JSON (issue 12 §5): readers list and open contests and cases; the
 * office creates contests ({@code {title, description, deadline, criteria: [{name, weight}], judges:
 * [username]}}), starts judging, publishes, and feeds a case into the evaluation ({@code {period,
 * points}}); a liaison submits its unit's case (multipart {@code title}, {@code summary}, files in
 * {@code files}) and edits it ({@code {title, summary}}); a judge submits a sheet
 * ({@code {scores: {criterionId: score}}}). A case's {@code score}/{@code rank} are null until
 * published; {@code mySheet} is the caller's own; {@code sheets} only the office's after publication.
 */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasAnyAuthority('innovation:read', 'innovation:manage')")
class InnovationApi {

	private final Innovation innovation;

	InnovationApi(Innovation innovation) {
		this.innovation = innovation;
	}

	record CriterionJson(long id, String name, int weight) {
	}

	record ContestJson(long id, long cityId, String title, String description, LocalDate deadline, String state,
			long caseCount, List<CriterionJson> criteria, List<String> judges) {

		static ContestJson of(ContestView c) {
			return new ContestJson(c.id(), c.cityId(), c.title(), c.description(), c.deadline(), c.state().name(),
					c.caseCount(), c.criteria().stream().map(k -> new CriterionJson(k.id(), k.name(), k.weight())).toList(),
					c.judges().stream().map(ContestView.Judge::username).toList());
		}

	}

	record SheetJson(String judge, Map<Long, Integer> scores, BigDecimal total, Instant submittedAt) {

		static SheetJson of(CaseView.Sheet s) {
			return s == null ? null : new SheetJson(s.judgeUsername(), s.scores(), s.total(), s.submittedAt());
		}

	}

	record FileJson(long id, String name) {
	}

	record CaseJson(long id, long contestId, long unitId, String unitName, String title, String summary,
			Instant submittedAt, List<FileJson> files, int sheetCount, BigDecimal score, Integer rank,
			SheetJson mySheet, List<SheetJson> sheets, CaseView.Bonus bonus) {

		static CaseJson of(CaseView c) {
			return new CaseJson(c.id(), c.contestId(), c.unitId(), c.unitName(), c.title(), c.summary(),
					c.submittedAt(), c.files().stream().map(f -> new FileJson(f.id(), f.name())).toList(), c.sheetCount(),
					c.score(), c.rank(), SheetJson.of(c.mySheet()), c.sheets().stream().map(SheetJson::of).toList(),
					c.bonus());
		}

	}

	record ContestDetailJson(ContestJson contest, List<CaseJson> cases, List<RankLine> ranking) {
	}

	record CaseEdit(String title, String summary) {
	}

	record SheetBody(Map<Long, Integer> scores) {
	}

	record BonusBody(String period, BigDecimal points) {
	}

	@GetMapping("/innovation-contests")
	ResponseEntity<List<ContestJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		return PagedResponse.of(innovation.page(user, request).map(ContestJson::of));
	}

	@PostMapping("/innovation-contests")
	@PreAuthorize("hasAuthority('innovation:manage')")
	ResponseEntity<ContestJson> create(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) ContestDraft body) {
		ContestView c = innovation.create(user, body == null ? new ContestDraft(null, null, null, null, null) : body);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/innovation-contests/" + c.id()))
			.body(ContestJson.of(c));
	}

	@GetMapping("/innovation-contests/{id}")
	ContestDetailJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		Innovation.ContestDetail d = innovation.detail(user, id);
		return new ContestDetailJson(ContestJson.of(d.contest()), d.cases().stream().map(CaseJson::of).toList(),
				d.ranking());
	}

	/** A contest's cases as the caller may see them ({@code contestId} required). */
	@GetMapping("/innovation-cases")
	List<CaseJson> cases(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String contestId) {
		return innovation.detail(user, contestId(contestId)).cases().stream().map(CaseJson::of).toList();
	}

	/** The unit's case for a contest: multipart {@code contestId}, {@code title}, {@code summary}, files in {@code files}. */
	@PostMapping(value = "/innovation-cases", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('innovation:submit')")
	ResponseEntity<CaseJson> submit(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String contestId, @RequestParam(required = false) String title,
			@RequestParam(required = false) String summary, @RequestParam(required = false) List<MultipartFile> files)
			throws IOException {
		CaseView c = innovation.submit(user, contestId(contestId), title, summary, Uploads.of(files));
		return ResponseEntity.created(URI.create("/api/v1/innovation-cases/" + c.id())).body(CaseJson.of(c));
	}

	private static long contestId(String text) {
		try {
			long id = Long.parseLong(text == null ? "" : text.strip());
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// named below
		}
		throw new InvalidInputException(FieldProblem.of("contestId", "innovation.error.contestId"));
	}

	@PostMapping("/innovation-contests/{id}/judging")
	@PreAuthorize("hasAuthority('innovation:manage')")
	ContestJson judging(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return ContestJson.of(innovation.startJudging(user, id));
	}

	@PostMapping("/innovation-contests/{id}/publish")
	@PreAuthorize("hasAuthority('innovation:manage')")
	ContestJson publish(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return ContestJson.of(innovation.publish(user, id));
	}

	/** The published ranking: rank, case, unit, score, number of sheets; 409 before publication. */
	@GetMapping("/innovation-contests/{id}/results")
	List<RankLine> results(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return innovation.results(user, id);
	}

	@GetMapping("/innovation-cases/{id}")
	CaseJson getCase(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return CaseJson.of(innovation.caseView(user, id));
	}

	@PutMapping("/innovation-cases/{id}")
	@PreAuthorize("hasAuthority('innovation:submit')")
	CaseJson update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) CaseEdit body) {
		CaseEdit b = body == null ? new CaseEdit(null, null) : body;
		return CaseJson.of(innovation.update(user, id, b.title(), b.summary(), List.of()));
	}

	@PostMapping("/innovation-cases/{id}/scores")
	ResponseEntity<CaseJson> sheet(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) SheetBody body) {
		CaseView c = innovation.score(user, id, body == null ? null : body.scores());
		return ResponseEntity.status(HttpStatus.CREATED).body(CaseJson.of(c));
	}

	@PostMapping("/innovation-cases/{id}/bonus")
	@PreAuthorize("hasAuthority('innovation:manage')")
	ResponseEntity<CaseJson> bonus(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) BonusBody body) {
		BonusBody b = body == null ? new BonusBody(null, null) : body;
		return ResponseEntity.status(HttpStatus.CREATED).body(CaseJson.of(innovation.bonus(user, id, b.period(), b.points())));
	}

}
