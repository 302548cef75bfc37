package cn.chuangwen.inspections.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.inspections.ChecklistInUse;
import cn.chuangwen.inspections.ChecklistItemView;
import cn.chuangwen.inspections.Checklists;
import cn.chuangwen.inspections.PointType;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FilterOption;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;

/**
 * The checklists page (测评细则): per point type the version in use and its items; for the office,
 * the import of a new version with its row errors.
 */
@Controller
@PreAuthorize("hasAuthority('fieldpoint:read')")
class ChecklistPages {

	private final Checklists checklists;

	private final Cities cities;

	private final MessageSource messages;

	ChecklistPages(Checklists checklists, Cities cities, MessageSource messages) {
		this.checklists = checklists;
		this.cities = cities;
		this.messages = messages;
	}

	@GetMapping("/inspections/checklists")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city, Model model) {
		return page(user, city, model, FormErrors.none(), null);
	}

	@PostMapping("/inspections/checklists/import")
	@PreAuthorize("hasAuthority('checklist:write')")
	String importVersion(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String name, Model model, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw new InvalidInputException(FieldProblem.of("file", "import.read.empty"));
			}
			try (var in = file.getInputStream()) {
				checklists.importVersion(user, name, in);
			}
			redirect.addFlashAttribute("notice", "checklist.import.done");
			redirect.addFlashAttribute("noticeArg", name.trim());
			return "redirect:/inspections/checklists";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return page(user, null, model, FormErrors.of(ex.problems(), messages, locale), name);
		}
	}

	private String page(CurrentUser user, String cityCode, Model model, FormErrors errors, String name) {
		List<CityView> visible = cities.visible(user.scope());
		// province staff read one city at a time: the one chosen, else the first they see
		CityView city = visible.stream()
			.filter(c -> user.cityId() != null ? c.id() == user.cityId()
					: cityCode == null || cityCode.isBlank() || c.code().equals(cityCode.trim()))
			.findFirst()
			.orElse(visible.isEmpty() ? null : visible.get(0));
		List<ChecklistInUse> summary = city == null ? List.of() : checklists.summary(user, city.id());
		Map<PointType, List<ChecklistItemView>> items = new LinkedHashMap<>();
		if (city != null) {
			for (ChecklistItemView item : checklists.inUse(user, city.id(), null)) {
				items.computeIfAbsent(item.pointType(), t -> new java.util.ArrayList<>()).add(item);
			}
		}
		model.addAttribute("city", city);
		model.addAttribute("cities", visible);
		model.addAttribute("cityOptions", FilterOption.of(visible, CityView::code, CityView::name,
				city == null || user.cityId() != null ? null : city.code()));
		model.addAttribute("summary", summary);
		model.addAttribute("items", items);
		model.addAttribute("errors", errors);
		model.addAttribute("name", name);
		model.addAttribute("canImport", user.can(Permissions.CHECKLIST_WRITE) && user.cityId() != null);
		return "inspections/checklists";
	}

}
