package cn.chuangwen.publicity.web;

import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.publicity.DemonstrationSites;
import cn.chuangwen.publicity.PublicSite;
import cn.chuangwen.publicity.SiteKind;
import cn.chuangwen.shared.FilterOption;
import cn.chuangwen.shared.PageRequest;

/**
 * A city's named demonstration sites for anyone, without an account (issue 12 §4, T5), built like
 * the news column: the list (a kind filter in the address) with its map, one site with its photos
 * and place, and the photos, which are only ever the public copies (no EXIF). Under /public/**, so
 * the public rate limit applies. Unknown, another city's, a candidate or a withdrawn site: 404.
 */
@Controller
class PublicSitePages {

	static final int PAGE_SIZE = 12;

	private final DemonstrationSites sites;

	private final Cities cities;

	private final EvidenceStore files;

	private final MessageSource messages;

	private final String tileUrl;

	PublicSitePages(DemonstrationSites sites, Cities cities, EvidenceStore files, MessageSource messages,
			@Value("${chuangwen.map.tile-url:}") String tileUrl) {
		this.sites = sites;
		this.cities = cities;
		this.files = files;
		this.messages = messages;
		this.tileUrl = tileUrl == null ? "" : tileUrl.strip();
	}

	@GetMapping("/public/sites/{cityCode}")
	String list(@PathVariable String cityCode, @RequestParam(required = false) String kind,
			@RequestParam(required = false) Integer page, Model model, Locale locale) {
		CityView city = cities.publicCity(cityCode);
		SiteKind k = SitePages.lenient(SiteKind.class, kind);
		String base = "/public/sites/" + city.code();
		model.addAttribute("city", city);
		model.addAttribute("result", sites.publicPage(city, k, PageRequest.lenient(page, PAGE_SIZE)));
		model.addAttribute("kindOptions", FilterOption.of(List.of(SiteKind.values()), SiteKind::name,
				x -> messages.getMessage(x.messageKey(), null, locale), k == null ? null : k.name()));
		model.addAttribute("filtered", k != null);
		model.addAttribute("base", base);
		model.addAttribute("tileUrl", tileUrl);
		model.addAttribute("mapUrl", base + "/map.json" + (k == null ? "" : "?kind=" + k.name()));
		return "public/sites";
	}

	/** The named sites of the list (of a kind when given), for its map. */
	@GetMapping(value = "/public/sites/{cityCode}/map.json", produces = "application/json")
	@ResponseBody
	List<SitePages.Point> map(@PathVariable String cityCode, @RequestParam(required = false) String kind,
			Locale locale) {
		CityView city = cities.publicCity(cityCode);
		String base = "/public/sites/" + city.code() + "/";
		return sites.publicPage(city, SitePages.lenient(SiteKind.class, kind), PageRequest.first(PageRequest.MAX_SIZE))
			.items()
			.stream()
			.map(s -> point(s, base + s.id(), locale))
			.toList();
	}

	@GetMapping(value = "/public/sites/{cityCode}/{id}/map.json", produces = "application/json")
	@ResponseBody
	List<SitePages.Point> siteMap(@PathVariable String cityCode, @PathVariable long id, Locale locale) {
		CityView city = cities.publicCity(cityCode);
		return List.of(point(sites.publicSite(city, id), "/public/sites/" + city.code() + "/" + id, locale));
	}

	private SitePages.Point point(PublicSite s, String url, Locale locale) {
		return new SitePages.Point(messages.getMessage(s.kind().messageKey(), null, locale), s.name(),
				s.yearNamed() == null ? messages.getMessage("site.state.NAMED", null, locale)
						: messages.getMessage("site.public.namedIn", new Object[] { String.valueOf(s.yearNamed()) }, locale),
				"green", url, s.latitude().doubleValue(), s.longitude().doubleValue());
	}

	@GetMapping("/public/sites/{cityCode}/{id}")
	String site(@PathVariable String cityCode, @PathVariable long id, Model model) {
		CityView city = cities.publicCity(cityCode);
		String base = "/public/sites/" + city.code();
		model.addAttribute("city", city);
		model.addAttribute("s", sites.publicSite(city, id));
		model.addAttribute("base", base);
		model.addAttribute("tileUrl", tileUrl);
		model.addAttribute("mapUrl", base + "/" + id + "/map.json");
		return "public/site";
	}

	@GetMapping("/public/sites/{cityCode}/{id}/photos/{photoId}")
	ResponseEntity<Resource> photo(@PathVariable String cityCode, @PathVariable long id, @PathVariable long photoId) {
		return Downloads.file(sites.publicPhoto(cities.publicCity(cityCode), id, photoId), files, true);
	}

	@GetMapping("/public/sites/{cityCode}/{id}/photos/{photoId}/thumbnail")
	ResponseEntity<Resource> thumbnail(@PathVariable String cityCode, @PathVariable long id,
			@PathVariable long photoId) {
		StoredFile copy = sites.publicPhoto(cities.publicCity(cityCode), id, photoId);
		// a copy too small for a thumbnail is its own thumbnail
		return Downloads.thumbnail(copy, files).orElseGet(() -> Downloads.file(copy, files, true));
	}

}
