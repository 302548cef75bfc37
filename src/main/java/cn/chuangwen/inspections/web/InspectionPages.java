package cn.chuangwen.inspections.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.inspections.InspectionDetail;
import cn.chuangwen.inspections.InspectionFilter;
import cn.chuangwen.inspections.InspectionView;
import cn.chuangwen.inspections.Inspections;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FilterOption;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.web.HtmxView;
import cn.chuangwen.shared.web.QueryParams;

/**
 * The office's inspection records (检查记录): the list with its filters in the URL (plan, far only),
 * paged in the database; one record with every item's verdict, the finding photos (watermarked
 * copies; the originals for the office), and where the phone was against the point. An inspector
 * sees the records they made.
 */
@Controller
@PreAuthorize("hasAnyAuthority('inspection:results', 'inspection:submit')")
class InspectionPages {

	static final int PAGE_SIZE = 50;

	private final Inspections inspections;

	private final EvidenceStore files;

	InspectionPages(Inspections inspections, EvidenceStore files) {
		this.inspections = inspections;
		this.files = files;
	}

	@GetMapping("/inspections/records")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String planId,
			@RequestParam(required = false) String far, @RequestParam(required = false) Integer page, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		// a bad value is left null by its parser: no condition
		List<FieldProblem> ignored = new ArrayList<>();
		Long plan = QueryParams.id("planId", planId, ignored);
		boolean farOnly = Boolean.TRUE.equals(QueryParams.bool("far", far, ignored));
		Page<InspectionView> result = inspections.page(user, user.cityId(), new InspectionFilter(plan, farOnly),
				PageRequest.lenient(page, PAGE_SIZE));
		Map<Long, String> plans = inspections.plans(user, user.cityId());
		model.addAttribute("result", result);
		model.addAttribute("records", result.items());
		model.addAttribute("total", result.total());
		model.addAttribute("planOptions", FilterOption.of(List.copyOf(plans.entrySet()), Map.Entry::getKey,
				Map.Entry::getValue, plan == null ? null : plan.toString()));
		model.addAttribute("farOnly", farOnly);
		return HtmxView.of(request, response, "inspections/records", "results");
	}

	@GetMapping("/inspections/records/{id}")
	String record(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		InspectionDetail d = inspections.detail(user, id);
		model.addAttribute("d", d);
		model.addAttribute("i", d.inspection());
		return "inspections/record";
	}

	/** A finding photo's watermarked display copy. */
	@GetMapping("/inspections/records/{id}/photos/{photoId}")
	ResponseEntity<Resource> photo(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return Downloads.file(inspections.displayPhoto(user, id, photoId), files, true);
	}

	@GetMapping("/inspections/records/{id}/photos/{photoId}/thumbnail")
	ResponseEntity<Resource> thumbnail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return Downloads.thumbnail(inspections.displayPhoto(user, id, photoId), files)
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	/** The original as taken: the office only (a download, with its hash on the page). */
	@GetMapping("/inspections/records/{id}/photos/{photoId}/original")
	ResponseEntity<Resource> original(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return Downloads.file(inspections.originalPhoto(user, id, photoId), files, false);
	}

}
