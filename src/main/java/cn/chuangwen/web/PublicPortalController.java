package cn.chuangwen.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.publicity.CreationNews;
import cn.chuangwen.publicity.PublicCampaigns;
import cn.chuangwen.shared.PageRequest;

/**
 * The public's way in, without an account: {@code /public} lists the cities, {@code /public/{city}}
 * is a city's page for citizens with every public page of it (report a problem, the reports and the
 * exposure column, news, campaigns, demonstration sites, innovation cases), the campaigns open now
 * and the latest news. In this module because it reads several modules' public views.
 */
@Controller
class PublicPortalController {

	/** Open campaigns and news items the city's page shows; the rest is a click away. */
	static final int SHOWN = 3;

	private final Cities cities;

	private final PublicCampaigns campaigns;

	private final CreationNews news;

	PublicPortalController(Cities cities, PublicCampaigns campaigns, CreationNews news) {
		this.cities = cities;
		this.campaigns = campaigns;
		this.news = news;
	}

	@GetMapping("/public")
	String cities(Model model) {
		model.addAttribute("cities", cities.visible(DataScope.all()));
		return "public/cities";
	}

	@GetMapping("/public/{cityCode}")
	String city(@PathVariable String cityCode, Model model) {
		CityView city = cities.publicCity(cityCode);
		model.addAttribute("city", city);
		model.addAttribute("campaigns", campaigns.open(city, SHOWN));
		model.addAttribute("news", news.published(city, PageRequest.first(SHOWN)).items());
		return "public/portal";
	}

}
