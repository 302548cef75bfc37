package cn.chuangwen.inspections.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
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

import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.FileKind;
import cn.chuangwen.inspections.FieldPointDraft;
import cn.chuangwen.inspections.FieldPointFilter;
import cn.chuangwen.inspections.FieldPointView;
import cn.chuangwen.inspections.FieldPointWorkbooks;
import cn.chuangwen.inspections.FieldPoints;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Field points as JSON (issue 9 §5, a contract): list with filters and paging, enter, read, change,
 * import from a workbook; the export and the import template as .xlsx.
 */
@RestController
@RequestMapping("/api/v1/field-points")
class FieldPointsApi {


	private final FieldPoints points;

	private final FieldPointWorkbooks workbooks;

	FieldPointsApi(FieldPoints points, FieldPointWorkbooks workbooks) {
		this.points = points;
		this.workbooks = workbooks;
	}

	/** A point; the first ten names are the contract, {@code version} is what a change sends back. */
	record PointJson(long id, String code, String name, String pointType, long unitId, long townId, BigDecimal lat,
			BigDecimal lng, String address, boolean active, int version) {

		static PointJson of(FieldPointView p) {
			return new PointJson(p.id(), p.code(), p.name(), p.pointType().name(), p.unitId(), p.townId(), p.lat(),
					p.lng(), p.address(), p.active(), p.version());
		}

	}

	/** A point as sent; {@code active} absent means active, {@code version} is needed to change one. */
	record PointRequest(String code, String name, String pointType, Long unitId, Long townId, BigDecimal lat,
			BigDecimal lng, String address, Boolean active, Integer version) {

		FieldPointDraft draft() {
			return new FieldPointDraft(code, name, pointType, address, lat, lng, unitId, townId, !Boolean.FALSE.equals(active));
		}

	}

	@GetMapping
	@PreAuthorize("hasAuthority('fieldpoint:read')")
	ResponseEntity<List<PointJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String pointType, @RequestParam(required = false) String unitId,
			@RequestParam(required = false) String townId, @RequestParam(required = false) String active,
			@RequestParam(required = false) String q, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		FieldPointFilter filter = PointParams.filter(pointType, unitId, townId, active, q, bad);
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		return PagedResponse.of(points.page(user, user.cityId(), filter, request).map(PointJson::of));
	}

	@PostMapping
	@PreAuthorize("hasAuthority('fieldpoint:write')")
	ResponseEntity<PointJson> create(@AuthenticationPrincipal CurrentUser user, @RequestBody PointRequest request) {
		FieldPointView created = points.create(user, request.draft());
		return ResponseEntity.created(URI.create("/api/v1/field-points/" + created.id())).body(PointJson.of(created));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('fieldpoint:read')")
	PointJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return PointJson.of(points.get(user, id));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('fieldpoint:write')")
	PointJson update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody PointRequest request) {
		return PointJson.of(points.update(user, id, request.version(), request.draft()));
	}

	/** Points from a workbook: all rows or none; 400 names every bad row; 201 with the points entered. */
	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('fieldpoint:write')")
	ResponseEntity<List<PointJson>> importPoints(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) MultipartFile file) throws IOException {
		if (file == null || file.isEmpty()) {
			throw new InvalidInputException(FieldProblem.of("file", "import.read.empty"));
		}
		try (var in = file.getInputStream()) {
			return ResponseEntity.status(HttpStatus.CREATED)
				.body(workbooks.importPoints(user, in).stream().map(PointJson::of).toList());
		}
	}

	/** The filtered list (the list's filters) as a workbook. */
	@GetMapping("/export.xlsx")
	@PreAuthorize("hasAuthority('fieldpoint:read')")
	void export(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String pointType,
			@RequestParam(required = false) String unitId, @RequestParam(required = false) String townId,
			@RequestParam(required = false) String active, @RequestParam(required = false) String q,
			HttpServletResponse response) throws IOException {
		List<FieldProblem> bad = new ArrayList<>();
		FieldPointFilter filter = PointParams.filter(pointType, unitId, townId, active, q, bad);
		QueryParams.check(bad);
		response.setContentType(FileKind.XLSX.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("attachment", "点位清单.xlsx"));
		workbooks.export(user, user.cityId(), filter, response.getOutputStream());
	}

	@GetMapping("/import-template.xlsx")
	@PreAuthorize("hasAuthority('fieldpoint:write')")
	void template(HttpServletResponse response) throws IOException {
		response.setContentType(FileKind.XLSX.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("attachment", "点位导入模板.xlsx"));
		workbooks.writeTemplate(response.getOutputStream());
	}

}
