package cn.chuangwen.participation.web;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * The two formats of GeoReport v2. XML is the reference (an {@code <?xml ... encoding="utf-8"?>}
 * declaration, no namespace); JSON is its mapping by the spec's convention: a collection is an array
 * with no wrapper, an element a member. An answer is built once as {@link Node}s and written either way.
 */
enum Open311Format {

	XML(MediaType.parseMediaType("text/xml; charset=utf-8")), JSON(MediaType.parseMediaType("application/json; charset=utf-8"));

	/** Elements in order; a value is text, a number, a boolean, null (an empty element), a {@link Node} or a {@link Items}. */
	static final class Node {

		private final Map<String, Object> fields = new LinkedHashMap<>();

		Node put(String name, Object value) {
			fields.put(name, value);
			return this;
		}

		Map<String, Object> fields() {
			return fields;
		}

	}

	/** A collection: the XML wrapper holds one {@code item} element per entry; JSON has an array. */
	record Items(String item, List<?> entries) {
	}

	private static final XMLOutputFactory XML_OUTPUT = XMLOutputFactory.newFactory();

	private static final byte[] DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\"?>".getBytes(StandardCharsets.UTF_8);

	private final MediaType mediaType;

	Open311Format(MediaType mediaType) {
		this.mediaType = mediaType;
	}

	MediaType mediaType() {
		return mediaType;
	}

	/** The format a path's extension names; null for any other. */
	static Open311Format of(String extension) {
		return switch (extension == null ? "" : extension) {
			case "xml" -> XML;
			case "json" -> JSON;
			default -> null;
		};
	}

	/** The format a path asks for by its extension; XML (the spec's required one) when it names none we know. */
	static Open311Format ofPath(String path) {
		return path.endsWith(".json") ? JSON : XML;
	}

	/** The spec's {@code errors} document: one error per description, all with the status as code. */
	byte[] errors(HttpStatusCode status, List<String> descriptions, JsonMapper json) {
		List<Node> errors = descriptions.stream()
			.map(d -> new Node().put("code", status.value()).put("description", d))
			.toList();
		return write("errors", new Items("error", errors), json);
	}

	/** A root collection ({@code <services><service>…}) or a root element ({@code <discovery>…}). */
	byte[] write(String root, Object value, JsonMapper json) {
		if (this == JSON) {
			return json.writeValueAsBytes(plain(value));
		}
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			// the declaration as the spec writes it (the writer's own uses single quotes)
			out.writeBytes(DECLARATION);
			XMLStreamWriter xml = XML_OUTPUT.createXMLStreamWriter(out, "UTF-8");
			element(xml, root, value);
			xml.writeEndDocument();
			xml.close();
			return out.toByteArray();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("writing XML to memory", ex);
		}
	}

	private static void element(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
		if (value == null) {
			xml.writeEmptyElement(name);
			return;
		}
		xml.writeStartElement(name);
		if (value instanceof Node node) {
			for (var f : node.fields().entrySet()) {
				element(xml, f.getKey(), f.getValue());
			}
		}
		else if (value instanceof Items items) {
			for (Object entry : items.entries()) {
				element(xml, items.item(), entry);
			}
		}
		else {
			xml.writeCharacters(text(value));
		}
		xml.writeEndElement();
	}

	/** Characters XML 1.0 cannot carry (control characters a sender may have typed) are dropped. */
	private static final java.util.regex.Pattern NOT_XML = java.util.regex.Pattern
		.compile("[^\\u0009\\u000A\\u000D\\u0020-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");

	private static String text(Object value) {
		if (value instanceof BigDecimal d) {
			return d.toPlainString();
		}
		return NOT_XML.matcher(String.valueOf(value)).replaceAll("");
	}

	/** Nodes and collections as maps and lists, for JSON. */
	private static Object plain(Object value) {
		if (value instanceof Node node) {
			Map<String, Object> map = new LinkedHashMap<>();
			node.fields().forEach((k, v) -> map.put(k, plain(v)));
			return map;
		}
		if (value instanceof Items items) {
			List<Object> list = new ArrayList<>();
			items.entries().forEach(e -> list.add(plain(e)));
			return list;
		}
		return value;
	}

}
