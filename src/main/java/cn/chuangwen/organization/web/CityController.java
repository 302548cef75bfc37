package cn.chuangwen.organization.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;

/** The cities the caller sees (/cities): the province's list, each city a link to its overview. */
@Controller
@PreAuthorize("hasAuthority('unit:read')")
class CityController {

	private final Cities cities;

	CityController(Cities cities) {
		this.cities = cities;
	}

	@GetMapping("/cities")
	String list(@AuthenticationPrincipal CurrentUser user, Model model) {
		model.addAttribute("cities", cities.visible(user.scope()));
		return "cities/list";
	}

}
