package cn.chuangwen.publicity.web;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
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
import cn.chuangwen.publicity.PublicNews;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

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

	/** RSS 2.0: the newest published items, with absolute links; text escaped by the XML writer. */
	@GetMapping(value = "/public/news/{cityCode}/rss.xml", produces = "application/rss+xml;charset=UTF-8")
	ResponseEntity<String> rss(@PathVariable String cityCode, Locale locale) {
		CityView city = news.city(cityCode);
		Page<PublicNews> items = news.published(city, PageRequest.first(FEED_SIZE));
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() + "/public/news/"
				+ city.code();
		StringWriter out = new StringWriter();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
			xml.writeStartDocument("UTF-8", "1.0");
			xml.writeStartElement("rss");
			xml.writeAttribute("version", "2.0");
			xml.writeStartElement("channel");
			text(xml, "title", messages.getMessage("news.public.title", new Object[] { city.name() }, locale));
			text(xml, "link", base);
			text(xml, "description", messages.getMessage("news.public.lead", null, locale));
			text(xml, "language", locale.getLanguage().equals("en") ? "en" : "zh-cn");
			if (!items.items().isEmpty()) {
				text(xml, "lastBuildDate", rfc1123(items.items().get(0).publishedAt()));
			}
			for (PublicNews n : items.items()) {
				xml.writeStartElement("item");
				text(xml, "title", n.title());
				text(xml, "link", base + "/" + n.id());
				xml.writeStartElement("guid");
				xml.writeAttribute("isPermaLink", "true");
				xml.writeCharacters(base + "/" + n.id());
				xml.writeEndElement();
				text(xml, "pubDate", rfc1123(n.publishedAt()));
				text(xml, "description", n.unitName() + "：" + n.body());
				xml.writeEndElement();
			}
			xml.writeEndElement();
			xml.writeEndElement();
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/rss+xml;charset=UTF-8"))
			.body(out.toString());
	}

	private static String rfc1123(Instant at) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
	}

	/** An element with text; characters XML 1.0 cannot carry at all are left out. */
	private static void text(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
		xml.writeStartElement(name);
		xml.writeCharacters(text == null ? "" : text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", ""));
		xml.writeEndElement();
	}

}
