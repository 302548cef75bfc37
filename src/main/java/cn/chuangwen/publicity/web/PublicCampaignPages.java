package cn.chuangwen.publicity.web;

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

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.publicity.PublicCampaign;
import cn.chuangwen.publicity.PublicCampaigns;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.web.DeviceCookies;

/**
 * The public campaign pages, without an account (T5): a city's published campaigns, and one
 * campaign with what its phase allows: the entry (or signature) form while it collects, a vote
 * button per approved entry while it votes, and the ranked results once the office published them.
 * The device is known by its signed cookie ({@link CampaignDevices}); a refusal (the device's limit,
 * the day's second vote, a closed phase) shows the campaign again with the reason and 409. Under
 * /public/**, so the public rate limit applies. Unknown, another city's, a draft or withdrawn: 404.
 */
@Controller
class PublicCampaignPages {

	static final int PAGE_SIZE = 20;

	private final PublicCampaigns campaigns;

	private final Cities cities;

	private final CampaignDevices devices;

	private final MessageSource messages;

	PublicCampaignPages(PublicCampaigns campaigns, Cities cities, CampaignDevices devices, MessageSource messages) {
		this.campaigns = campaigns;
		this.cities = cities;
		this.devices = devices;
		this.messages = messages;
	}

	@GetMapping("/public/campaigns/{cityCode}")
	String list(@PathVariable String cityCode, @RequestParam(required = false) Integer page, Model model) {
		CityView city = cities.publicCity(cityCode);
		model.addAttribute("city", city);
		model.addAttribute("result", campaigns.published(city, PageRequest.lenient(page, PAGE_SIZE)));
		model.addAttribute("base", "/public/campaigns/" + city.code());
		return "public/campaigns";
	}

	@GetMapping("/public/campaigns/{cityCode}/{id}")
	String campaign(@PathVariable String cityCode, @PathVariable long id, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) String done, HttpServletRequest request, Model model) {
		if ("sent".equals(done) || "voted".equals(done)) {
			model.addAttribute("notice", "campaign.public.done." + done);
		}
		return page(cities.publicCity(cityCode), id, page, request, FormErrors.none(), Map.of(), model);
	}

	private String page(CityView city, long id, Integer page, HttpServletRequest request, FormErrors errors,
			Map<String, String> typed, Model model) {
		PublicCampaign c = campaigns.publishedCampaign(city, id);
		String device = devices.deviceOf(request).map(devices::hash).orElse(null);
		model.addAttribute("city", city);
		model.addAttribute("c", c);
		model.addAttribute("entries", campaigns.publicEntries(c, PageRequest.lenient(page, PAGE_SIZE)));
		model.addAttribute("sent", campaigns.sentBy(c.id(), device));
		model.addAttribute("votedFor", campaigns.votedToday(c.id(), device).orElse(null));
		model.addAttribute("errors", errors);
		model.addAttribute("typed", typed);
		model.addAttribute("base", "/public/campaigns/" + city.code());
		model.addAttribute("maxContent", PublicCampaigns.MAX_CONTENT);
		model.addAttribute("maxNote", PublicCampaigns.MAX_NOTE);
		return "public/campaign";
	}

	@PostMapping("/public/campaigns/{cityCode}/{id}/entries")
	String submit(@PathVariable String cityCode, @PathVariable long id, @RequestParam(required = false) String content,
			@RequestParam(required = false) String note, HttpServletRequest request, HttpServletResponse response,
			Model model, Locale locale) {
		CityView city = cities.publicCity(cityCode);
		DeviceCookies.Device device = devices.device(request);
		try {
			campaigns.submit(city, id, devices.hash(device.id()), content, note);
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return page(city, id, null, request, FormErrors.of(ex.problems(), messages, locale),
					Map.of("content", content == null ? "" : content, "note", note == null ? "" : note), model);
		}
		catch (ConflictException ex) {
			return refused(city, id, ex, request, response, model, locale);
		}
		devices.remember(device, request, response);
		return "redirect:/public/campaigns/" + city.code() + "/" + id + "?done=sent";
	}

	@PostMapping("/public/campaigns/{cityCode}/{id}/votes")
	String vote(@PathVariable String cityCode, @PathVariable long id, @RequestParam(required = false) String entryId,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
		CityView city = cities.publicCity(cityCode);
		if (entryId == null || !entryId.strip().matches("[0-9]{1,18}")) {
			response.setStatus(400);
			return page(city, id, null, request,
					FormErrors.of(List.of(FieldProblem.of("entryId", "campaign.error.entry.required")), messages, locale),
					Map.of(), model);
		}
		DeviceCookies.Device device = devices.device(request);
		try {
			campaigns.vote(city, id, Long.parseLong(entryId.strip()), devices.hash(device.id()));
		}
		catch (ConflictException ex) {
			return refused(city, id, ex, request, response, model, locale);
		}
		devices.remember(device, request, response);
		return "redirect:/public/campaigns/" + city.code() + "/" + id + "?done=voted";
	}

	private String refused(CityView city, long id, ConflictException ex, HttpServletRequest request,
			HttpServletResponse response, Model model, Locale locale) {
		response.setStatus(409);
		model.addAttribute("refusal", messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), locale));
		return page(city, id, null, request, FormErrors.none(), Map.of(), model);
	}

}
