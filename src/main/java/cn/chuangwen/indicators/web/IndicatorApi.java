package cn.chuangwen.indicators.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.chuangwen.indicators.AssessmentMethod;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;

/**
 * JSON API for indicator systems (/api/v1/indicator-systems), scoped by the caller. Errors are
 * problem JSON; an import's bad rows come as {@code errors: [{row, field, message}]}.
 */
@RestController
@RequestMapping("/api/v1/indicator-systems")
@PreAuthorize("hasAuthority('indicator:read')")
class IndicatorApi {

	private final IndicatorSystems systems;

	IndicatorApi(IndicatorSystems systems) {
		this.systems = systems;
	}

	record SystemJson(long id, String name, String cityCode, int leafCount, boolean inUse) {

		static SystemJson of(IndicatorSystemView s) {
			return new SystemJson(s.id(), s.name(), s.cityCode(), s.leafCount(), s.inUse());
		}

	}

	record NodeJson(long id, String code, String name, String level, String criteria, List<AssessmentMethod> methods,
			BigDecimal score, List<String> pointTypes, BigDecimal targetQuantity, String targetUnit,
			List<NodeJson> children) {

		static NodeJson of(IndicatorView i) {
			return new NodeJson(i.id(), i.code(), i.name(), i.level(), i.criteria(), i.methods(), i.score(),
					i.pointTypes(), i.targetQuantity(), i.targetUnit(), new ArrayList<>());
		}

	}

	record Created(long id) {
	}

	@GetMapping
	ResponseEntity<List<SystemJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String cityCode, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		PageRequest request = PageRequest.parse(page, size);
		return PagedResponse.of(systems.page(user.scope(), cityCode, request).map(SystemJson::of));
	}

	/** The system as nested nodes: top-level nodes, each with its children, in file order. */
	@GetMapping("/{id}/tree")
	List<NodeJson> tree(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		Map<Long, NodeJson> byId = new HashMap<>();
		List<NodeJson> roots = new ArrayList<>();
		for (IndicatorView i : systems.tree(user.scope(), id)) {
			NodeJson node = NodeJson.of(i);
			byId.put(i.id(), node);
			NodeJson parent = i.parentId() == null ? null : byId.get(i.parentId());
			if (parent == null) {
				roots.add(node);
			}
			else {
				parent.children().add(node);
			}
		}
		return roots;
	}

	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('indicator:write')")
	ResponseEntity<Created> importSystem(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String name)
			throws IOException {
		IndicatorSystemView created = IndicatorImportController.importFile(systems, user, name, file);
		return ResponseEntity.created(URI.create("/api/v1/indicator-systems/" + created.id()))
			.body(new Created(created.id()));
	}

	@GetMapping("/{id}/export.xlsx")
	void export(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, HttpServletResponse response)
			throws IOException {
		IndicatorSystemView system = systems.get(user.scope(), id);
		IndicatorController.attachment(response, system.name() + ".xlsx");
		systems.writeWorkbook(user.scope(), id, response.getOutputStream());
	}

}
