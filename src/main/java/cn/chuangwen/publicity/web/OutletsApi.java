package cn.chuangwen.publicity.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.chuangwen.files.Uploads;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.publicity.ComplianceRow;
import cn.chuangwen.publicity.MediaOutlets;
import cn.chuangwen.publicity.OutletDraft;
import cn.chuangwen.publicity.OutletReport;
import cn.chuangwen.publicity.OutletView;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Media outlets and their public-service-ad reports as JSON (issue 12 §6): readers list the outlets
 * in their scope and a month's compliance; the office records outlets; a liaison of the outlet's
 * unit reports a month. The report is multipart ({@code month}, {@code adAmount}/{@code totalAmount}
 * in the outlet's measure — {@code adMinutes}/{@code totalMinutes} and {@code adArea}/{@code totalArea}
 * are taken as the same fields — optional {@code reason} for a correction, files in {@code files}),
 * since its evidence travels with it.
 */
@RestController
@PreAuthorize("hasAnyAuthority('publicity:read', 'publicity:manage')")
class OutletsApi {

	private final MediaOutlets outlets;

	OutletsApi(MediaOutlets outlets) {
		this.outlets = outlets;
	}

	record OutletJson(long id, long cityId, String name, String kind, String measure, long unitId, String unitName,
			int version) {

		static OutletJson of(OutletView o) {
			return new OutletJson(o.id(), o.cityId(), o.name(), o.kind().name(), o.measure().name(), o.unitId(),
					o.unitName(), o.version());
		}

	}

	record EvidenceJson(long fileId, String name) {
	}

	record ReportJson(long id, long outletId, String month, BigDecimal adAmount, BigDecimal totalAmount,
			BigDecimal sharePercent, boolean compliant, String reportedBy, Instant reportedAt, String correctedReason,
			List<EvidenceJson> evidence) {

		static ReportJson of(OutletReport r) {
			return r == null ? null
					: new ReportJson(r.id(), r.outletId(), r.month().toString(), r.adAmount(), r.totalAmount(),
							r.sharePercent(), r.compliant(), r.reportedBy(), r.reportedAt(), r.correctedReason(),
							r.evidence().stream().map(e -> new EvidenceJson(e.fileId(), e.name())).toList());
		}

	}

	record ComplianceJson(OutletJson outlet, String month, boolean reported, boolean compliant, BigDecimal sharePercent,
			ReportJson report) {
	}

	@GetMapping("/api/v1/media-outlets")
	ResponseEntity<List<OutletJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		return PagedResponse.of(outlets.page(user, request).map(OutletJson::of));
	}

	@GetMapping("/api/v1/media-outlets/{id}")
	OutletJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return OutletJson.of(outlets.get(user, id));
	}

	@PostMapping("/api/v1/media-outlets")
	@PreAuthorize("hasAuthority('publicity:manage')")
	ResponseEntity<OutletJson> create(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) OutletDraft body) {
		OutletView o = outlets.create(user, body == null ? new OutletDraft(null, null, null, null) : body);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/media-outlets/" + o.id()))
			.body(OutletJson.of(o));
	}

	@GetMapping("/api/v1/media-outlets/{id}/reports")
	List<ReportJson> reports(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return outlets.reports(user, id).stream().map(ReportJson::of).toList();
	}

	@PostMapping("/api/v1/media-outlets/{id}/reports")
	@PreAuthorize("hasAuthority('publicity:report')")
	ResponseEntity<ReportJson> report(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String month, @RequestParam(required = false) String adAmount,
			@RequestParam(required = false) String totalAmount, @RequestParam(required = false) String adMinutes,
			@RequestParam(required = false) String totalMinutes, @RequestParam(required = false) String adArea,
			@RequestParam(required = false) String totalArea, @RequestParam(required = false) String reason,
			@RequestParam(required = false) List<MultipartFile> files) throws IOException {
		OutletReport r = outlets.report(user, id, new MediaOutlets.ReportDraft(month, first(adAmount, adMinutes, adArea),
				first(totalAmount, totalMinutes, totalArea), reason), Uploads.of(files));
		return ResponseEntity.created(URI.create("/api/v1/media-outlets/" + id + "/reports")).body(ReportJson.of(r));
	}

	/** A month's compliance ({@code month=yyyy-MM}, the last month by default); {@code shortfall=true} lists only shortfalls. */
	@GetMapping("/api/v1/publicity/compliance")
	ResponseEntity<List<ComplianceJson>> compliance(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String month, @RequestParam(required = false) String shortfall,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		YearMonth m = month == null ? outlets.lastMonth() : MediaOutlets.month(month, "month", bad);
		Boolean only = QueryParams.bool("shortfall", shortfall, bad);
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		return PagedResponse.of(outlets.compliance(user, m, Boolean.TRUE.equals(only), request)
			.map(row -> json(row, m)));
	}

	private static ComplianceJson json(ComplianceRow row, YearMonth month) {
		return new ComplianceJson(OutletJson.of(row.outlet()), month.toString(), row.reported(), row.compliant(),
				row.reported() ? row.report().sharePercent() : null, ReportJson.of(row.report()));
	}

	private static String first(String... values) {
		for (String v : values) {
			if (v != null) {
				return v;
			}
		}
		return null;
	}

}
