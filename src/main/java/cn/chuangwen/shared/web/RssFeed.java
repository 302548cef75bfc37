package cn.chuangwen.shared.web;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An RSS 2.0 feed of a public column (the exposure column, creation news): absolute links, dates in
 * RFC 1123, text escaped by the XML writer and characters XML 1.0 cannot carry at all left out.
 */
public final class RssFeed {

	public static final String CONTENT_TYPE = "application/rss+xml;charset=UTF-8";

	/** One item: its title, absolute link (also its guid), publication time and description. */
	public record Item(String title, String link, Instant published, String description) {
	}

	private RssFeed() {
	}

	/** The feed of a channel, newest item first, as the response body with its content type. */
	public static ResponseEntity<String> of(String title, String link, String description, Locale locale,
			List<Item> items) {
		StringWriter out = new StringWriter();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
			xml.writeStartDocument("UTF-8", "1.0");
			xml.writeStartElement("rss");
			xml.writeAttribute("version", "2.0");
			xml.writeStartElement("channel");
			element(xml, "title", title);
			element(xml, "link", link);
			element(xml, "description", description);
			element(xml, "language", locale.getLanguage().equals("en") ? "en" : "zh-cn");
			if (!items.isEmpty()) {
				element(xml, "lastBuildDate", rfc1123(items.get(0).published()));
			}
			for (Item item : items) {
				xml.writeStartElement("item");
				element(xml, "title", item.title());
				element(xml, "link", item.link());
				xml.writeStartElement("guid");
				xml.writeAttribute("isPermaLink", "true");
				xml.writeCharacters(item.link());
				xml.writeEndElement();
				element(xml, "pubDate", rfc1123(item.published()));
				element(xml, "description", item.description());
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
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(CONTENT_TYPE)).body(out.toString());
	}

	private static String rfc1123(Instant at) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
	}

	private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
		xml.writeStartElement(name);
		xml.writeCharacters(xmlSafe(text));
		xml.writeEndElement();
	}

	/** Characters XML 1.0 cannot carry at all (escaping does not help) are left out. */
	static String xmlSafe(String text) {
		return text == null ? "" : text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "");
	}

}
