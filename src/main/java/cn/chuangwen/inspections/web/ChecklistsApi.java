package cn.chuangwen.inspections.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.chuangwen.inspections.ChecklistItemView;
import cn.chuangwen.inspections.Checklists;
import cn.chuangwen.inspections.PointType;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.web.QueryParams;

/** Checklists as JSON (issue 9 §5): import a new version; the items in use for a point type. */
@RestController
@RequestMapping("/api/v1/checklists")
class ChecklistsApi {

	private final Checklists checklists;

	private final Cities cities;

	ChecklistsApi(Checklists checklists, Cities cities) {
		this.checklists = checklists;
		this.cities = cities;
	}

	record CreatedJson(long id) {
	}

	/** An item; the names are the contract, {@code deductionRule}, {@code versionId} and {@code indicatorId} help a reader. */
	record ItemJson(long id, String pointType, String category, String item, BigDecimal perOccurrence,
			BigDecimal maxDeduction, String deductionRule, long versionId, Long indicatorId) {

		static ItemJson of(ChecklistItemView i) {
			return new ItemJson(i.id(), i.pointType().name(), i.category(), i.item(), i.perOccurrence(), i.maxDeduction(),
					i.deductionRule(), i.versionId(), i.indicatorId());
		}

	}

	/** A new version from CSV or .xlsx: all rows or none; 400 names every bad row. */
	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('checklist:write')")
	ResponseEntity<CreatedJson> importVersion(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String name)
			throws IOException {
		List<FieldProblem> bad = new ArrayList<>();
		if (file == null || file.isEmpty()) {
			bad.add(FieldProblem.of("file", "import.read.empty"));
		}
		if (name == null || name.isBlank()) {
			bad.add(FieldProblem.of("name", "checklist.error.name.required"));
		}
		QueryParams.check(bad);
		try (var in = file.getInputStream()) {
			long id = checklists.importVersion(user, name, in);
			return ResponseEntity.created(URI.create("/api/v1/checklists?version=" + id)).body(new CreatedJson(id));
		}
	}

	/**
	 * The items in use of a point type (all types without one), in the caller's city; province staff
	 * name the city with {@code cityCode} (else the first city they see). With {@code version}, every
	 * item of that version instead, in use or not (where an import's {@code Location} points).
	 */
	@GetMapping
	@PreAuthorize("hasAuthority('fieldpoint:read')")
	List<ItemJson> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String pointType,
			@RequestParam(required = false) String cityCode, @RequestParam(required = false) String version) {
		List<FieldProblem> bad = new ArrayList<>();
		PointType type = PointParams.pointType(pointType, bad);
		Long versionId = QueryParams.id("version", version, bad);
		Long cityId = user.cityId();
		QueryParams.check(bad);
		if (cityId == null) {
			// province staff read one city at a time: the one named, else the first they see (as the statistics do)
			List<CityView> visible = cities.visible(user.scope());
			cityId = (cityCode == null || cityCode.isBlank() ? visible.stream().findFirst()
					: visible.stream().filter(c -> c.code().equals(cityCode.trim())).findFirst())
				.map(CityView::id)
				.orElseThrow(() -> new NotFoundException("city", cityCode));
		}
		List<ChecklistItemView> items = versionId == null ? checklists.inUse(user, cityId, type)
				: checklists.version(user, cityId, versionId);
		return items.stream().map(ItemJson::of).toList();
	}

}
