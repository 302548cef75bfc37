package cn.chuangwen.participation.web;

import java.io.StringWriter;
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
import cn.chuangwen.participation.ExposureColumn;
import cn.chuangwen.participation.PublicExposure;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

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

	/** RSS 2.0: the newest published items, with absolute links; text escaped by the XML writer. */
	@GetMapping(value = "/public/exposure/{cityCode}/rss.xml", produces = "application/rss+xml;charset=UTF-8")
	ResponseEntity<String> rss(@PathVariable String cityCode, Locale locale) {
		CityView city = column.city(cityCode);
		Page<PublicExposure> items = column.published(city, PageRequest.first(FEED_SIZE));
		String root = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		String base = root + "/public/exposure/" + city.code();
		StringWriter out = new StringWriter();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
			xml.writeStartDocument("UTF-8", "1.0");
			xml.writeStartElement("rss");
			xml.writeAttribute("version", "2.0");
			xml.writeStartElement("channel");
			String title = messages.getMessage("exposure.public.title", new Object[] { city.name() }, locale);
			element(xml, "title", title);
			element(xml, "link", base);
			element(xml, "description", messages.getMessage("exposure.public.lead", null, locale));
			element(xml, "language", locale.getLanguage().equals("en") ? "en" : "zh-cn");
			items.items().stream().findFirst().ifPresent(e -> element(xml, "lastBuildDate", rfc1123(e)));
			for (PublicExposure e : items.items()) {
				xml.writeStartElement("item");
				element(xml, "title", e.title());
				element(xml, "link", base + "/" + e.id());
				xml.writeStartElement("guid");
				xml.writeAttribute("isPermaLink", "true");
				xml.writeCharacters(base + "/" + e.id());
				xml.writeEndElement();
				element(xml, "pubDate", rfc1123(e));
				String state = e.state() == null ? "" : messages.getMessage(e.state().messageKey(), null, locale);
				element(xml, "description", messages.getMessage("exposure.public.feedItem",
						new Object[] { e.unitName() == null ? "" : e.unitName(), state, e.body() }, locale));
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
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/rss+xml;charset=UTF-8"))
			.body(out.toString());
	}

	private static String rfc1123(PublicExposure e) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(e.publishedAt().atOffset(ZoneOffset.UTC));
	}

	private static void element(XMLStreamWriter xml, String name, String text) {
		try {
			xml.writeStartElement(name);
			xml.writeCharacters(xmlSafe(text));
			xml.writeEndElement();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Characters XML 1.0 cannot carry at all (escaping does not help) are left out. */
	static String xmlSafe(String text) {
		return text == null ? "" : text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "");
	}

}
