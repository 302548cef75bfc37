package cn.chuangwen.evaluation.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

import cn.chuangwen.evaluation.CivilizationIndex;
import cn.chuangwen.evaluation.ScoreSchemes;
import cn.chuangwen.evaluation.SchemeView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.PeriodCode;

/**
 * The civilization index (X6): the office names the quarterly scheme published as the city's index
 * ({@code /evaluation/index}); anyone reads the published quarters at {@code /public/index/{cityCode}}.
 */
@Controller
class IndexPages {

	private final CivilizationIndex index;

	private final ScoreSchemes schemes;

	private final MessageSource messages;

	private final JsonMapper json;

	IndexPages(CivilizationIndex index, ScoreSchemes schemes, MessageSource messages, JsonMapper json) {
		this.index = index;
		this.schemes = schemes;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/evaluation/index")
	@PreAuthorize(EvaluationApi.MANAGE)
	String form(@AuthenticationPrincipal CurrentUser user, Model model) {
		return form(user, index.schemeId(user).map(String::valueOf).orElse(""), FormErrors.none(), model);
	}

	@PostMapping("/evaluation/index")
	@PreAuthorize(EvaluationApi.MANAGE)
	String designate(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String schemeId,
			Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			index.designate(user, schemeId);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(user, schemeId == null ? "" : schemeId, FormErrors.of(ex.problems(), messages, locale), model);
		}
		redirect.addFlashAttribute("notice", messages.getMessage("evaluation.index.saved", null, locale));
		return "redirect:/evaluation/index";
	}

	private String form(CurrentUser user, String chosen, FormErrors errors, Model model) {
		List<SchemeView> quarterly = schemes.list(user, null).stream()
			.filter(s -> s.periodKind() == PeriodCode.Kind.QUARTER)
			.toList();
		model.addAttribute("schemes", quarterly);
		model.addAttribute("chosen", chosen);
		model.addAttribute("errors", errors);
		model.addAttribute("cityCode", user.cityCode());
		return "evaluation/index";
	}

	/** The published index for anyone, no sign-in: 404 for an unknown city or one that has named no index. */
	@GetMapping("/public/index/{cityCode}")
	String publicPage(@PathVariable String cityCode, Model model, Locale locale) {
		CivilizationIndex.Published p = index.published(cityCode)
			.orElseThrow(() -> new NotFoundException("civilization_index", cityCode));
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("name", messages.getMessage("evaluation.index.city", null, locale));
		chart.put("periods", p.history().stream().map(CivilizationIndex.Quarter::period).toList());
		chart.put("values", p.history().stream().map(CivilizationIndex.Quarter::cityIndex).toList());
		model.addAttribute("p", p);
		model.addAttribute("chartJson", json.writeValueAsString(chart));
		return "public/civilization-index";
	}

}
