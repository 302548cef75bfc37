package cn.chuangwen.publicity.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.publicity.CreationNews;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.web.RssFeed;

/**
 * The creation news column for anyone, without an account (X10), built like the exposure column:
 * the list of a city's published items, one item with its photos, an RSS 2.0 feed, and the photos,
 * which are only ever the public copies (no EXIF). Under /public/**, so the public rate limit
 * applies. Unknown, another city's or unpublished: 404.
 */
@Controller
class PublicNewsPages {

	static final int PAGE_SIZE = 12;

	/** Items in the feed: the newest; a reader that wants more opens the list. */
	static final int FEED_SIZE = 30;

	private final CreationNews news;

	private final EvidenceStore files;

	private final MessageSource messages;

	PublicNewsPages(CreationNews news, EvidenceStore files, MessageSource messages) {
		this.news = news;
		this.files = files;
		this.messages = messages;
	}

	@GetMapping("/public/news/{cityCode}")
	String list(@PathVariable String cityCode, @RequestParam(required = false) Integer page, Model model) {
		CityView city = news.city(cityCode);
		model.addAttribute("city", city);
		model.addAttribute("result", news.published(city, PageRequest.lenient(page, PAGE_SIZE)));
		model.addAttribute("base", "/public/news/" + city.code());
		return "public/news-list";
	}

	@GetMapping("/public/news/{cityCode}/{id}")
	String item(@PathVariable String cityCode, @PathVariable long id, Model model) {
		CityView city = news.city(cityCode);
		model.addAttribute("city", city);
		model.addAttribute("n", news.publishedItem(city, id));
		model.addAttribute("base", "/public/news/" + city.code());
		return "public/news";
	}

	@GetMapping("/public/news/{cityCode}/{id}/photos/{photoId}")
	ResponseEntity<Resource> photo(@PathVariable String cityCode, @PathVariable long id, @PathVariable long photoId) {
		return Downloads.file(news.publicPhoto(news.city(cityCode), id, photoId), files, true);
	}

	@GetMapping("/public/news/{cityCode}/{id}/photos/{photoId}/thumbnail")
	ResponseEntity<Resource> thumbnail(@PathVariable String cityCode, @PathVariable long id,
			@PathVariable long photoId) {
		StoredFile copy = news.publicPhoto(news.city(cityCode), id, photoId);
		// a copy too small for a thumbnail is its own thumbnail
		return Downloads.thumbnail(copy, files).orElseGet(() -> Downloads.file(copy, files, true));
	}

	/** RSS 2.0: the newest published items, with absolute links. */
	@GetMapping(value = "/public/news/{cityCode}/rss.xml", produces = RssFeed.CONTENT_TYPE)
	ResponseEntity<String> rss(@PathVariable String cityCode, Locale locale) {
		CityView city = news.city(cityCode);
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() + "/public/news/"
				+ city.code();
		List<RssFeed.Item> items = news.published(city, PageRequest.first(FEED_SIZE))
			.items()
			.stream()
			.map(n -> new RssFeed.Item(n.title(), base + "/" + n.id(), n.publishedAt(), n.unitName() + "：" + n.body()))
			.toList();
		return RssFeed.of(messages.getMessage("news.public.title", new Object[] { city.name() }, locale), base,
				messages.getMessage("news.public.lead", null, locale), locale, items);
	}

}
