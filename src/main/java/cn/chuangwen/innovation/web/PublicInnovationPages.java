package cn.chuangwen.innovation.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import cn.chuangwen.innovation.Innovation;
import cn.chuangwen.shared.NotFoundException;

/**
 * The published innovation case rankings of a city for anyone, without an account (issue 12 §5):
 * {@code /public/innovation/{cityCode}}, under the public rate limit of {@code /public/**}. Case
 * titles, unit names and scores only: no judge, no submitter, no individual sheet.
 */
@Controller
class PublicInnovationPages {

	private final Innovation innovation;

	PublicInnovationPages(Innovation innovation) {
		this.innovation = innovation;
	}

	@GetMapping("/public/innovation/{cityCode}")
	String page(@PathVariable String cityCode, Model model) {
		model.addAttribute("city", innovation.city(cityCode).orElseThrow(() -> new NotFoundException("city", cityCode)));
		model.addAttribute("contests", innovation.published(cityCode));
		return "public/innovation";
	}

}
