package cn.chuangwen.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The community schemas of Open311 GeoReport v2 (open311/schema-validation, copied under
 * {@code src/test/resources/open311-schema}): JSON answers are validated against them with formats
 * asserted ({@code date-time}, {@code uri}); XML answers are parsed and walked.
 */
final class Open311Schemas {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

	static final Schema SERVICES = schema("services.json");

	static final Schema SERVICE_DEFINITION = schema("service-definition.json");

	static final Schema REQUESTS = schema("requests.json");

	static final Schema REQUEST = schema("request.json");

	/** The POST answer's items (swagger.json: RequestResponse). */
	static final Schema REQUEST_RESPONSE = schema("swagger.json#/definitions/RequestResponse");

	/** The token answer's items (swagger.json: TokenResponse). */
	static final Schema TOKEN_RESPONSE = schema("swagger.json#/definitions/TokenResponse");

	private Open311Schemas() {
	}

	private static Schema schema(String name) {
		return REGISTRY.getSchema(SchemaLocation.of("classpath:open311-schema/" + name));
	}

	static List<Error> errors(Schema schema, JsonNode node) {
		return schema.validate(node, ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
	}

	/** Parses and validates; fails with the validator's words when the body does not conform. */
	static JsonNode valid(Schema schema, String body) {
		JsonNode node = JSON.readTree(body);
		assertThat(errors(schema, node)).as("schema errors of %s", body).isEmpty();
		return node;
	}

	/** An array whose every item is valid against the item schema (the swagger definitions have no array form). */
	static JsonNode validItems(Schema item, String body) {
		JsonNode node = JSON.readTree(body);
		assertThat(node.isArray()).as(body).isTrue();
		for (JsonNode n : node) {
			assertThat(errors(item, n)).as("schema errors of %s", n).isEmpty();
		}
		return node;
	}

	/** Parses XML as the spec wants it: a UTF-8 declaration, no namespace; returns the root. */
	static Element xml(String body) throws Exception {
		assertThat(body).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setNamespaceAware(true);
		Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
		Element root = doc.getDocumentElement();
		assertThat(root.getNamespaceURI()).as("no namespace").isNull();
		return root;
	}

	/** The child elements of an element, in order. */
	static List<Element> children(Element parent) {
		List<Element> out = new java.util.ArrayList<>();
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e) {
				out.add(e);
			}
		}
		return out;
	}

	static List<String> names(Element parent) {
		return children(parent).stream().map(Element::getTagName).toList();
	}

	static String text(Element parent, String child) {
		return children(parent).stream().filter(e -> e.getTagName().equals(child)).findFirst().map(Element::getTextContent).orElse(null);
	}

}
