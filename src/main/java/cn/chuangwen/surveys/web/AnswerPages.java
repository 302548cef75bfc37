package cn.chuangwen.surveys.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.surveys.PublicSurvey;
import cn.chuangwen.surveys.SurveyAnswers;
import cn.chuangwen.surveys.SurveyRules;
import cn.chuangwen.shared.web.DeviceCookies;
import cn.chuangwen.surveys.internal.SurveyDevices;

/**
 * The public answer page of a window unit's link, {@code /s/{token}} (issue 10 §5): a plain form
 * that works on a phone without JavaScript or an account, Chinese unless the browser asks for
 * English. The device is known by its signed cookie ({@link DeviceCookies}); a device that answered
 * the round gets a friendly page instead of the form, and a second post is refused (409) without
 * counting. A closed round or an unknown token is the 404 page; a flood from one address is stopped
 * before this controller by the public rate limit (429).
 */
@Controller
class AnswerPages {

	private final SurveyAnswers answers;

	private final SurveyDevices devices;

	private final MessageSource messages;

	AnswerPages(SurveyAnswers answers, SurveyDevices devices, MessageSource messages) {
		this.answers = answers;
		this.devices = devices;
		this.messages = messages;
	}

	@GetMapping("/s/{token}")
	String page(@PathVariable String token, @RequestParam(required = false) String sent, HttpServletRequest request,
			Model model) {
		PublicSurvey survey = answers.form(token);
		var device = devices.deviceOf(request);
		if (device.isPresent() && answers.answered(token, devices.hash(device.get()))) {
			model.addAttribute("survey", survey);
			model.addAttribute("thanks", sent != null);
			return "public/survey-done";
		}
		return form(survey, Map.of(), FormErrors.none(), model);
	}

	@PostMapping("/s/{token}")
	String answer(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model,
			Locale locale) {
		PublicSurvey survey = answers.form(token);
		DeviceCookies.Device device = devices.device(request);
		Map<String, List<String>> fields = new LinkedHashMap<>();
		request.getParameterMap().forEach((k, v) -> fields.put(k, Arrays.asList(v)));
		SurveyAnswers.Outcome outcome;
		try {
			outcome = answers.answer(token, devices.hash(device.id()), fields);
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return form(survey, fields, FormErrors.of(ex.problems(), messages, locale), model);
		}
		if (outcome == SurveyAnswers.Outcome.ALREADY_ANSWERED) {
			response.setStatus(409);
			model.addAttribute("survey", survey);
			model.addAttribute("thanks", false);
			return "public/survey-done";
		}
		devices.remember(device, request, response);
		return "redirect:/s/" + token + "?sent=1";
	}

	private String form(PublicSurvey survey, Map<String, List<String>> given, FormErrors errors, Model model) {
		model.addAttribute("survey", survey);
		model.addAttribute("given", given);
		model.addAttribute("errors", errors);
		model.addAttribute("maxText", SurveyRules.MAX_TEXT_ANSWER);
		return "public/survey";
	}

}
