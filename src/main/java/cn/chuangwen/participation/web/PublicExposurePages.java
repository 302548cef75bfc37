package cn.chuangwen.participation.web;

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
import cn.chuangwen.participation.ExposureColumn;
import cn.chuangwen.participation.PublicExposure;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.web.RssFeed;

/**
 * The exposure column for anyone, without an account (issue 11 §3): the list of a city's published
 * items, one item with its photos before and after, an RSS 2.0 feed, and the photos, which are only
 * ever the public copies (no EXIF, marked regions pixelated). Unknown or unpublished: 404.
 */
@Controller
class PublicExposurePages {

	static final int PAGE_SIZE = 12;

	/** Items in the feed: the newest; a reader that wants more opens the list. */
	static final int FEED_SIZE = 30;

	private final ExposureColumn column;

	private final EvidenceStore files;

	private final MessageSource messages;

	PublicExposurePages(ExposureColumn column, EvidenceStore files, MessageSource messages) {
		this.column = column;
		this.files = files;
		this.messages = messages;
	}

	@GetMapping("/public/exposure/{cityCode}")
	String list(@PathVariable String cityCode, @RequestParam(required = false) Integer page, Model model) {
		CityView city = column.city(cityCode);
		Page<PublicExposure> result = column.published(city, PageRequest.lenient(page, PAGE_SIZE));
		model.addAttribute("city", city);
		model.addAttribute("result", result);
		model.addAttribute("base", "/public/exposure/" + city.code());
		return "public/exposure-list";
	}

	@GetMapping("/public/exposure/{cityCode}/{id}")
	String item(@PathVariable String cityCode, @PathVariable long id, Model model) {
		CityView city = column.city(cityCode);
		model.addAttribute("city", city);
		model.addAttribute("e", column.publishedItem(city, id));
		model.addAttribute("base", "/public/exposure/" + city.code());
		return "public/exposure";
	}

	@GetMapping("/public/exposure/{cityCode}/{id}/photos/{photoId}")
	ResponseEntity<Resource> photo(@PathVariable String cityCode, @PathVariable long id, @PathVariable long photoId) {
		return Downloads.file(column.publicPhoto(column.city(cityCode), id, photoId), files, true);
	}

	@GetMapping("/public/exposure/{cityCode}/{id}/photos/{photoId}/thumbnail")
	ResponseEntity<Resource> thumbnail(@PathVariable String cityCode, @PathVariable long id,
			@PathVariable long photoId) {
		StoredFile copy = column.publicPhoto(column.city(cityCode), id, photoId);
		// a copy too small for a thumbnail is its own thumbnail
		return Downloads.thumbnail(copy, files).orElseGet(() -> Downloads.file(copy, files, true));
	}

	/** RSS 2.0: the newest published items, with absolute links. */
	@GetMapping(value = "/public/exposure/{cityCode}/rss.xml", produces = RssFeed.CONTENT_TYPE)
	ResponseEntity<String> rss(@PathVariable String cityCode, Locale locale) {
		CityView city = column.city(cityCode);
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() + "/public/exposure/"
				+ city.code();
		List<RssFeed.Item> items = column.published(city, PageRequest.first(FEED_SIZE))
			.items()
			.stream()
			.map(e -> new RssFeed.Item(e.title(), base + "/" + e.id(), e.publishedAt(),
					messages.getMessage("exposure.public.feedItem", new Object[] { e.unitName() == null ? "" : e.unitName(),
							e.state() == null ? "" : messages.getMessage(e.state().messageKey(), null, locale), e.body() },
							locale)))
			.toList();
		return RssFeed.of(messages.getMessage("exposure.public.title", new Object[] { city.name() }, locale), base,
				messages.getMessage("exposure.public.lead", null, locale), locale, items);
	}

}
