package cn.chuangwen.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The language switch: the locale interceptor has already stored {@code lang}; this only goes back
 * to the page, and only to a path of this site (no open redirect).
 */
@Controller
class LanguageController {

	@GetMapping("/language")
	String switchLanguage(@RequestParam(required = false) String back) {
		boolean local = back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
				&& !back.contains("\r") && !back.contains("\n");
		return "redirect:" + (local ? back : "/");
	}

}
