package cn.chuangwen.participation;

import static cn.chuangwen.participation.Open311Schemas.children;
import static cn.chuangwen.participation.Open311Schemas.names;
import static cn.chuangwen.participation.Open311Schemas.text;
import static cn.chuangwen.participation.Open311Schemas.valid;
import static cn.chuangwen.participation.Open311Schemas.validItems;
import static cn.chuangwen.participation.Open311Schemas.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.w3c.dom.Element;

import com.networknt.schema.Error;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.files.EvidenceFixtures;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11 §4 and §6: Open311 GeoReport v2 as the spec and the community schemas say. Every JSON
 * answer is validated against the schemas, every XML one parsed and walked; errors are the spec's
 * {@code errors} document with its status (403 key, 404 unknown, 400 otherwise, 429 over a key's
 * limit); a POST becomes a citizen report the public follow view shows; and the reporter's name,
 * phone and e-mail sent with it appear in no answer at all.
 */
@IntegrationTest
class Open311ApiIntegrationTest {

	static final String CITY = "qianjiang";

	static final String KEY = "demo-qianjiang-open311-key";

	static final String BASE = "/open311/v2";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CitizenReports reports;

	@Autowired
	PartnerKeys keys;

	@Autowired
	Logins logins;

	@Autowired
	TestClock clock;

	long cityId;

	BigDecimal lat;

	BigDecimal lng;

	String serviceCode;

	String serviceName;

	@BeforeEach
	void city() {
		cityId = jdbc.sql("select id from city where code = :c").param("c", CITY).query(Long.class).single();
		var area = jdbc.sql("select min_lat, max_lat, min_lng, max_lng from field_point_area where city_id = :c")
			.param("c", cityId)
			.query((rs, n) -> new BigDecimal[] { rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4) })
			.single();
		lat = area[0].add(area[1]).divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_UP);
		lng = area[2].add(area[3]).divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_UP);
		var first = reports.categories(cityId).get(0);
		serviceCode = String.valueOf(first.id());
		serviceName = first.name();
	}

	MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		response.setCharacterEncoding("UTF-8");
		return response;
	}

	MockHttpServletResponse get311(String path, String... params) throws Exception {
		MockHttpServletRequestBuilder request = get(BASE + path);
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return call(request);
	}

	MockHttpServletResponse post311(String format, Map<String, String> form) throws Exception {
		MockHttpServletRequestBuilder request = post(BASE + "/requests." + format)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED);
		form.forEach(request::param);
		return call(request);
	}

	Map<String, String> form(String... extra) {
		Map<String, String> form = new java.util.LinkedHashMap<>();
		form.put("api_key", KEY);
		form.put("jurisdiction_id", CITY);
		form.put("service_code", serviceCode);
		form.put("lat", lat.toPlainString());
		form.put("long", lng.toPlainString());
		form.put("description", "路边垃圾堆放多日无人清理");
		for (int i = 0; i < extra.length; i += 2) {
			if (extra[i + 1] == null) {
				form.remove(extra[i]);
			}
			else {
				form.put(extra[i], extra[i + 1]);
			}
		}
		return form;
	}

	/** An error answer: the status, the spec's document in the format asked, never HTML. */
	static void assertError(MockHttpServletResponse response, int status, String format) throws Exception {
		String body = response.getContentAsString();
		assertThat(response.getStatus()).as(body).isEqualTo(status);
		assertThat(body).doesNotContain("<html").doesNotContain("<!DOCTYPE");
		if (format.equals("json")) {
			assertThat(response.getContentType()).isEqualTo("application/json;charset=utf-8");
			JsonNode errors = Open311Schemas.JSON.readTree(body);
			assertThat(errors.isArray()).isTrue();
			assertThat(errors.size()).isPositive();
			for (JsonNode e : errors) {
				assertThat(e.get("code").asInt()).isEqualTo(status);
				assertThat(e.get("description").asString()).isNotBlank();
			}
		}
		else {
			assertThat(response.getContentType()).isEqualTo("text/xml;charset=utf-8");
			Element root = xml(body);
			assertThat(root.getTagName()).isEqualTo("errors");
			assertThat(names(root)).isNotEmpty().containsOnly("error");
			for (Element e : children(root)) {
				assertThat(names(e)).containsExactly("code", "description");
				assertThat(text(e, "code")).isEqualTo(String.valueOf(status));
				assertThat(text(e, "description")).isNotBlank();
			}
		}
	}

	long count() {
		return jdbc.sql("select count(*) from citizen_report").query(Long.class).single();
	}

	@Test
	void theSchemasRejectWhatTheSpecForbids() {
		// the validator is really checking: a request without status, and one with a bad date, fail
		JsonNode missing = Open311Schemas.JSON.readTree("[{\"service_request_id\":\"1\",\"service_code\":\"1\",\"requested_datetime\":\"2026-12-01T08:00:00+08:00\"}]");
		JsonNode badDate = Open311Schemas.JSON.readTree("[{\"service_request_id\":\"1\",\"status\":\"open\",\"service_code\":\"1\",\"requested_datetime\":\"yesterday\"}]");
		JsonNode numberCode = Open311Schemas.JSON.readTree("[{\"service_code\":1,\"service_name\":\"x\",\"metadata\":false,\"type\":\"realtime\"}]");
		List<Error> a = Open311Schemas.errors(Open311Schemas.REQUESTS, missing);
		List<Error> b = Open311Schemas.errors(Open311Schemas.REQUESTS, badDate);
		List<Error> c = Open311Schemas.errors(Open311Schemas.SERVICES, numberCode);
		assertThat(a).isNotEmpty();
		assertThat(b).isNotEmpty();
		assertThat(c).isNotEmpty();
	}

	@Test
	void discoveryInBothFormats() throws Exception {
		MockHttpServletResponse json = get311("/discovery.json");
		assertThat(json.getStatus()).isEqualTo(200);
		assertThat(json.getContentType()).isEqualTo("application/json;charset=utf-8");
		JsonNode d = Open311Schemas.JSON.readTree(json.getContentAsString());
		assertThat(d.get("changeset").asString()).isNotBlank();
		assertThat(d.get("contact").asString()).isNotBlank();
		assertThat(d.get("key_service").asString()).isNotBlank();
		JsonNode endpoint = d.get("endpoints").get(0);
		assertThat(endpoint.get("specification").asString()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
		assertThat(endpoint.get("url").asString()).endsWith("/open311/v2");
		assertThat(endpoint.get("type").asString()).isIn("production", "test");
		assertThat(endpoint.get("formats").toString()).isEqualTo("[\"text/xml\",\"application/json\"]");

		MockHttpServletResponse xml = get311("/discovery.xml");
		assertThat(xml.getStatus()).isEqualTo(200);
		assertThat(xml.getContentType()).isEqualTo("text/xml;charset=utf-8");
		Element root = xml(xml.getContentAsString());
		assertThat(root.getTagName()).isEqualTo("discovery");
		assertThat(names(root)).containsExactly("changeset", "contact", "key_service", "endpoints");
		Element e = children(children(root).get(3)).get(0);
		assertThat(e.getTagName()).isEqualTo("endpoint");
		assertThat(names(e)).containsExactly("specification", "url", "changeset", "type", "formats");
		assertThat(children(children(e).get(4)).stream().map(Element::getTextContent).toList())
			.containsExactly("text/xml", "application/json");
	}

	@Test
	void servicesAreTheCitysCategoriesWithStableCodes() throws Exception {
		String firstBody = get311("/services.json", "jurisdiction_id", CITY).getContentAsString();
		JsonNode services = valid(Open311Schemas.SERVICES, firstBody);
		List<String> names = reports.categories(cityId).stream().map(c -> c.name()).toList();
		assertThat(services.size()).isEqualTo(names.size());
		List<String> served = new ArrayList<>();
		services.forEach(s -> served.add(s.get("service_name").asString()));
		assertThat(served).containsExactlyElementsOf(names);
		assertThat(services.get(0).get("service_code").asString()).isEqualTo(serviceCode);
		assertThat(services.get(0).get("metadata").asBoolean()).isFalse();
		// the same codes on a second call: codes are ids, not positions
		assertThat(get311("/services.json", "jurisdiction_id", CITY).getContentAsString()).isEqualTo(firstBody);

		Element root = xml(get311("/services.xml", "jurisdiction_id", CITY).getContentAsString());
		assertThat(root.getTagName()).isEqualTo("services");
		assertThat(children(root)).hasSize(names.size());
		Element first = children(root).get(0);
		assertThat(first.getTagName()).isEqualTo("service");
		assertThat(names(first)).containsExactly("service_code", "service_name", "description", "metadata", "type",
				"keywords", "group");
		assertThat(text(first, "service_code")).isEqualTo(serviceCode);
		assertThat(text(first, "metadata")).isEqualTo("false");
		assertThat(text(first, "type")).isEqualTo("realtime");

		JsonNode definition = valid(Open311Schemas.SERVICE_DEFINITION,
				get311("/services/" + serviceCode + ".json", "jurisdiction_id", CITY).getContentAsString());
		assertThat(definition.get("service_code").asString()).isEqualTo(serviceCode);
		assertThat(definition.get("attributes").isArray()).isTrue();
		Element def = xml(get311("/services/" + serviceCode + ".xml", "jurisdiction_id", CITY).getContentAsString());
		assertThat(def.getTagName()).isEqualTo("service_definition");
		assertThat(names(def)).containsExactly("service_code", "attributes");
	}

	@Test
	void jurisdictionIsRequiredWithSeveralCitiesAndUnknownOnesAreNotFound() throws Exception {
		for (String format : List.of("json", "xml")) {
			assertError(get311("/services." + format), 400, format);
			assertError(get311("/requests." + format), 400, format);
			assertError(get311("/services." + format, "jurisdiction_id", "atlantis"), 404, format);
			assertError(get311("/requests." + format, "jurisdiction_id", "atlantis"), 404, format);
			// an empty parameter is an absent one
			assertError(get311("/services." + format, "jurisdiction_id", ""), 400, format);
		}
	}

	@Test
	void unknownThingsAreNotFoundInTheSpecsFormatNeverAnHtmlPage() throws Exception {
		for (String format : List.of("json", "xml")) {
			assertError(get311("/services/999999999." + format, "jurisdiction_id", CITY), 404, format);
			assertError(get311("/services/abc." + format, "jurisdiction_id", CITY), 404, format);
			assertError(get311("/requests/QJ-R-2026-999999." + format, "jurisdiction_id", CITY), 404, format);
			assertError(get311("/requests/not-a-code." + format, "jurisdiction_id", CITY), 404, format);
			assertError(get311("/tokens/nosuchtoken." + format, "jurisdiction_id", CITY), 404, format);
			assertError(get311("/nothing-here." + format), 404, format);
			// a known resource with a method it does not take
			assertError(call(request(HttpMethod.DELETE, BASE + "/requests." + format)), 400, format);
			assertError(call(request(HttpMethod.PUT, BASE + "/services." + format)), 400, format);
		}
		assertError(get311("/services.html", "jurisdiction_id", CITY), 404, "xml");
		assertError(get311("/"), 404, "xml");
	}

	@Test
	void aPostBecomesACitizenReportTheFollowViewShowsAndNoAnswerNamesTheReporter() throws Exception {
		long before = count();
		MockHttpServletResponse created = post311("json", form("first_name", "Zhangsan", "last_name", "Lisiname",
				"phone", "13912345678", "email", "secret.reporter@example.org", "device_id", "device-7788-secret",
				"account_id", "acct-5566-secret", "media_url", "https://partner.example.org/m/1.jpg",
				"address_string", "园林路 88 号", "lat", lat.toPlainString() + "9", "long", lng.toPlainString() + "5678"));
		assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(200);
		assertThat(created.getContentType()).isEqualTo("application/json;charset=utf-8");
		JsonNode answer = validItems(Open311Schemas.REQUEST_RESPONSE, created.getContentAsString());
		assertThat(answer).hasSize(1);
		String id = answer.get(0).get("service_request_id").asString();
		assertThat(answer.get(0).has("token")).as("never both id and token").isFalse();
		assertThat(id).matches(CitizenReports.CODE.pattern());
		String token = created.getHeader("X-Open311-Token");
		assertThat(token).isNotBlank();
		assertThat(count()).isEqualTo(before + 1);

		// the public follow view (what the tracking code shows anyone) has it
		PublicReport followed = reports.follow(id);
		assertThat(followed.state()).isEqualTo(ReportState.RECEIVED);
		assertThat(followed.category()).isEqualTo(serviceName);
		assertThat(followed.description()).isEqualTo("路边垃圾堆放多日无人清理");
		assertThat(followed.place().lat()).isEqualByComparingTo(lat.add(new BigDecimal("0.000001")));

		// stored: channel, partner key, the private data (for the office only)
		var row = jdbc.sql("""
				select r.channel, r.partner_key_id, r.reporter_name, r.reporter_phone, o.reporter_email, o.device_id,
				    o.account_id, o.media_url, k.key_prefix
				from citizen_report r join open311_request o on o.report_id = r.id
				join open311_partner_key k on k.id = r.partner_key_id where r.code = :code""")
			.param("code", id)
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)))
			.single();
		assertThat(row).containsExactly("OPEN311", "Zhangsan Lisiname", "13912345678", "secret.reporter@example.org",
				"device-7788-secret", "acct-5566-secret", "https://partner.example.org/m/1.jpg", "demo-qianjia");

		// the request in every answer that may carry it, in both formats
		List<String> bodies = new ArrayList<>();
		bodies.add(created.getContentAsString());
		JsonNode one = valid(Open311Schemas.REQUESTS,
				get311("/requests/" + id + ".json", "jurisdiction_id", CITY).getContentAsString());
		bodies.add(one.toString());
		assertThat(one).hasSize(1);
		JsonNode r = one.get(0);
		assertThat(r.get("service_request_id").asString()).isEqualTo(id);
		assertThat(r.get("status").asString()).isEqualTo("open");
		assertThat(r.get("service_code").asString()).isEqualTo(serviceCode);
		assertThat(r.get("service_name").asString()).isEqualTo(serviceName);
		assertThat(r.get("address").asString()).isEqualTo("园林路 88 号");
		assertThat(r.get("lat").decimalValue()).isEqualByComparingTo(lat.add(new BigDecimal("0.000001")));
		assertThat(r.get("agency_responsible").isNull()).isTrue();
		assertThat(r.get("media_url").isNull()).as("the partner's URL is never shown").isTrue();
		OffsetDateTime requested = OffsetDateTime.parse(r.get("requested_datetime").asString());
		assertThat(requested.toInstant()).isBetween(clock.instant().minusSeconds(1), clock.instant().plusSeconds(1));
		JsonNode withNotes = valid(Open311Schemas.REQUESTS,
				get311("/requests/" + id + ".json", "jurisdiction_id", CITY, "extensions", "true").getContentAsString());
		bodies.add(withNotes.toString());
		assertThat(withNotes.get(0).get("notes")).hasSize(1);
		JsonNode tokenAnswer = validItems(Open311Schemas.TOKEN_RESPONSE,
				get311("/tokens/" + token + ".json", "jurisdiction_id", CITY).getContentAsString());
		assertThat(tokenAnswer.get(0).get("service_request_id").asString()).isEqualTo(id);
		assertThat(tokenAnswer.get(0).get("token").asString()).isEqualTo(token);
		bodies.add(tokenAnswer.toString());
		JsonNode list = valid(Open311Schemas.REQUESTS,
				get311("/requests.json", "jurisdiction_id", CITY, "extensions", "true").getContentAsString());
		assertThat(list.toString()).contains(id);
		bodies.add(list.toString());

		Element xmlOne = xml(get311("/requests/" + id + ".xml", "jurisdiction_id", CITY, "extensions", "true").getContentAsString());
		assertThat(xmlOne.getTagName()).isEqualTo("service_requests");
		Element request = children(xmlOne).get(0);
		assertThat(request.getTagName()).isEqualTo("request");
		assertThat(names(request)).containsExactly("service_request_id", "status", "status_notes", "service_name",
				"service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
				"updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
				"notes");
		assertThat(text(request, "service_request_id")).isEqualTo(id);
		assertThat(names(children(request).get(17))).containsOnly("note");
		bodies.add(get311("/requests/" + id + ".xml", "jurisdiction_id", CITY).getContentAsString());
		bodies.add(get311("/requests.xml", "jurisdiction_id", CITY, "extensions", "true").getContentAsString());
		Element tokenXml = xml(get311("/tokens/" + token + ".xml", "jurisdiction_id", CITY).getContentAsString());
		assertThat(names(children(tokenXml).get(0))).containsExactly("service_request_id", "token");
		MockHttpServletResponse createdXml = post311("xml", form("first_name", "Zhangsan", "phone", "13912345678",
				"email", "secret.reporter@example.org"));
		assertThat(createdXml.getStatus()).isEqualTo(200);
		Element createdRoot = xml(createdXml.getContentAsString());
		assertThat(createdRoot.getTagName()).isEqualTo("service_requests");
		assertThat(names(children(createdRoot).get(0))).containsExactly("service_request_id", "service_notice");
		bodies.add(createdXml.getContentAsString());

		for (String body : bodies) {
			assertThat(body).doesNotContain("Zhangsan", "Lisiname", "13912345678", "secret.reporter", "device-7788",
					"acct-5566", "partner.example.org");
		}
	}

	@Test
	void aPostNeedsAValidKeyOfTheCityThatIsNotRevoked() throws Exception {
		long before = count();
		for (String format : List.of("json", "xml")) {
			assertError(post311(format, form("api_key", null)), 403, format);
			assertError(post311(format, form("api_key", "o311_wrong")), 403, format);
			// xiantao's demo key is not qianjiang's
			assertError(post311(format, form("api_key", "demo-xiantao-open311-key")), 403, format);
		}
		var issued = keys.issue(logins.principal("qianjiang.office"), new PartnerKeys.PartnerDraft("撤销测试", "王五 13800000000", 100));
		assertThat(post311("json", form("api_key", issued.apiKey())).getStatus()).isEqualTo(200);
		keys.revoke(logins.principal("qianjiang.office"), issued.key().id(), "合作结束");
		long afterOne = count();
		assertThat(afterOne).isEqualTo(before + 1);
		assertError(post311("json", form("api_key", issued.apiKey())), 403, "json");
		assertError(post311("xml", form("api_key", issued.apiKey())), 403, "xml");
		assertThat(count()).isEqualTo(afterOne);
	}

	@Test
	void overAKeysLimitThePartnerGets429() throws Exception {
		var issued = keys.issue(logins.principal("qianjiang.office"), new PartnerKeys.PartnerDraft("限流测试", "赵六 13800000001", 2));
		assertThat(post311("json", form("api_key", issued.apiKey())).getStatus()).isEqualTo(200);
		assertThat(post311("json", form("api_key", issued.apiKey())).getStatus()).isEqualTo(200);
		long before = count();
		MockHttpServletResponse refused = post311("json", form("api_key", issued.apiKey()));
		assertError(refused, 429, "json");
		assertThat(refused.getHeader("Retry-After")).isNotBlank();
		assertError(post311("xml", form("api_key", issued.apiKey())), 429, "xml");
		assertThat(count()).isEqualTo(before);
		// another key is not held back by this one
		assertThat(post311("json", form()).getStatus()).isEqualTo(200);
	}

	@Test
	void badPostsAre400Or404AndStoreNothing() throws Exception {
		long before = count();
		for (String format : List.of("json", "xml")) {
			assertError(post311(format, form("jurisdiction_id", null)), 400, format);
			assertError(post311(format, form("service_code", null)), 400, format);
			assertError(post311(format, form("service_code", "999999999")), 404, format);
			assertError(post311(format, form("lat", "30.4x")), 400, format);
			assertError(post311(format, form("long", "east")), 400, format);
			assertError(post311(format, form("lat", "1e5")), 400, format);
			assertError(post311(format, form("lat", "91.0")), 400, format);
			assertError(post311(format, form("long", null)), 400, format);
			assertError(post311(format, form("lat", null, "long", null)), 400, format);
			assertError(post311(format, form("lat", null, "long", null, "address_id", "A-17")), 400, format);
			assertError(post311(format, form("lat", "0.5", "long", "0.5")), 400, format);
			assertError(post311(format, form("description", "很".repeat(4001))), 400, format);
			assertError(post311(format, form("email", "not-an-address")), 400, format);
			assertError(post311(format, form("phone", "call me")), 400, format);
			assertError(post311(format, form("media_url", "javascript:alert(1)")), 400, format);
		}
		MockHttpServletResponse several = post311("json", form("lat", "north", "description", "很".repeat(4001)));
		assertError(several, 400, "json");
		assertThat(count()).isEqualTo(before);
		// the spec makes the description optional: the service's name stands in
		MockHttpServletResponse plain = post311("json", form("description", null));
		assertThat(plain.getStatus()).isEqualTo(200);
		String id = Open311Schemas.JSON.readTree(plain.getContentAsString()).get(0).get("service_request_id").asString();
		assertThat(reports.follow(id).description()).isEqualTo(serviceName);
		// an address alone is a place; eight decimals are rounded to six
		assertThat(post311("json", form("lat", null, "long", null, "address_string", "江汉路 1 号")).getStatus()).isEqualTo(200);
	}

	@Test
	void getFiltersAreCheckedAndBadOnesAre400() throws Exception {
		for (String format : List.of("json", "xml")) {
			String path = "/requests." + format;
			assertError(get311(path, "jurisdiction_id", CITY, "start_date", "2026-11-01"), 400, format);
			assertError(get311(path, "jurisdiction_id", CITY, "start_date", "2026-11-01T08:00:00"), 400, format);
			assertError(get311(path, "jurisdiction_id", CITY, "end_date", "2026-13-01T08:00:00Z"), 400, format);
			assertError(get311(path, "jurisdiction_id", CITY, "start_date", "yesterday"), 400, format);
			assertError(get311(path, "jurisdiction_id", CITY, "start_date", "2026-01-01T00:00:00Z", "end_date",
					"2026-12-01T00:00:00Z"), 400, format);
			assertError(get311(path, "jurisdiction_id", CITY, "start_date", "2026-12-01T00:00:00Z", "end_date",
					"2026-11-01T00:00:00Z"), 400, format);
			assertError(get311(path, "jurisdiction_id", CITY, "status", "pending"), 400, format);
			assertError(get311(path, "jurisdiction_id", CITY, "service_code", "abc"), 400, format);
			assertError(get311(path, "jurisdiction_id", CITY, "page", "0"), 400, format);
			assertError(get311(path, "jurisdiction_id", CITY, "page_size", "1001"), 400, format);
			assertError(get311(path, "jurisdiction_id", CITY, "page_size", "ten"), 400, format);
		}
		// a zone written with an unescaped + (a space once decoded) is read as meant
		assertThat(get311("/requests.json", "jurisdiction_id", CITY, "start_date",
				OffsetDateTime.ofInstant(clock.instant().minusSeconds(3600), java.time.ZoneOffset.ofHours(8)).toString().replace('+', ' '))
			.getStatus()).isEqualTo(200);
	}

	@Test
	void filtersStatusesAgenciesNotesAndPhotos() throws Exception {
		// three reports: one with a photo accepted as a problem of a unit, one rejected, one just received
		var photo = reports.submit(cityId, new ReportDraft(serviceName, "井盖破损", "东风路", lat, lng, "钱七", "13700000000"),
				List.of(new CitizenReports.Photo("a.jpg", new java.io.ByteArrayInputStream(EvidenceFixtures.jpeg(40, 30)))),
				ReportSender.web("h1"));
		var problem = jdbc.sql("""
				select p.id, u.name, p.deadline from problem p join unit u on u.id = p.unit_id
				where p.city_id = :c order by p.id fetch first 1 rows only""")
			.param("c", cityId)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant() })
			.single();
		Instant later = clock.instant().plusSeconds(60);
		jdbc.sql("update citizen_report set state = 'ACCEPTED', problem_id = :p, answered_at = :t where id = :id")
			.param("p", problem[0]).param("t", java.sql.Timestamp.from(later)).param("id", photo.id()).update();
		jdbc.sql("insert into citizen_report_update (report_id, city_id, state, text, created_at) values (:r, :c, 'ACCEPTED', '已转交责任单位办理', :t)")
			.param("r", photo.id()).param("c", cityId).param("t", java.sql.Timestamp.from(later)).update();
		var rejected = reports.submit(cityId, new ReportDraft(serviceName, "重复反映", null, lat, lng, null, null), List.of(),
				ReportSender.web("h2"));
		jdbc.sql("update citizen_report set state = 'REJECTED', public_reason = '与已有反映重复', closed_at = :t where id = :id")
			.param("t", java.sql.Timestamp.from(later)).param("id", rejected.id()).update();
		var received = reports.submit(cityId, new ReportDraft(serviceName, "路灯不亮", null, lat, lng, null, null), List.of(),
				ReportSender.web("h3"));
		reports.submit(cityId, new ReportDraft(serviceName, "护栏倒伏", null, lat, lng, null, null), List.of(),
				ReportSender.web("h4"));
		String ids = photo.code() + "," + rejected.code() + "," + received.code();

		JsonNode all = valid(Open311Schemas.REQUESTS, get311("/requests.json", "jurisdiction_id", CITY,
				"service_request_id", ids, "extensions", "true", "status", "closed").getContentAsString());
		assertThat(all).as("ids override every other filter").hasSize(3);
		JsonNode accepted = find(all, photo.code());
		assertThat(accepted.get("status").asString()).isEqualTo("open");
		assertThat(accepted.get("agency_responsible").asString()).isEqualTo(problem[1]);
		assertThat(accepted.get("status_notes").asString()).isEqualTo("已转交责任单位办理");
		assertThat(accepted.get("expected_datetime").asString()).isNotBlank();
		assertThat(accepted.get("updated_datetime").asString()).isEqualTo(w3c(later));
		long publicFile = jdbc.sql("select public_file_id from citizen_report_photo where report_id = :r")
			.param("r", photo.id()).query(Long.class).single();
		assertThat(accepted.get("media_url").asString())
			.isEqualTo("http://localhost/api/v1/public/reports/" + photo.code() + "/photos/" + publicFile);
		assertThat(accepted.get("notes")).hasSize(2);
		assertThat(accepted.get("notes").get(1).get("description").asString()).isEqualTo("已转交责任单位办理");
		JsonNode closed = find(all, rejected.code());
		assertThat(closed.get("status").asString()).isEqualTo("closed");
		assertThat(closed.get("status_notes").asString()).isEqualTo("与已有反映重复");
		assertThat(closed.get("agency_responsible").isNull()).isTrue();
		assertThat(closed.get("updated_datetime").asString()).isEqualTo(w3c(later));
		assertThat(all.toString()).doesNotContain("钱七", "13700000000");

		JsonNode onlyClosed = valid(Open311Schemas.REQUESTS, get311("/requests.json", "jurisdiction_id", CITY, "status",
				"closed", "service_code", serviceCode).getContentAsString());
		onlyClosed.forEach(n -> assertThat(n.get("status").asString()).isEqualTo("closed"));
		assertThat(onlyClosed.toString()).contains(rejected.code()).doesNotContain(received.code());
		JsonNode open = valid(Open311Schemas.REQUESTS,
				get311("/requests.json", "jurisdiction_id", CITY, "status", "open").getContentAsString());
		open.forEach(n -> assertThat(n.get("status").asString()).isEqualTo("open"));
		assertThat(open.toString()).contains(received.code(), photo.code()).doesNotContain(rejected.code());
		JsonNode both = valid(Open311Schemas.REQUESTS,
				get311("/requests.json", "jurisdiction_id", CITY, "status", "open,closed").getContentAsString());
		JsonNode closedAll = valid(Open311Schemas.REQUESTS,
				get311("/requests.json", "jurisdiction_id", CITY, "status", "closed").getContentAsString());
		JsonNode none = valid(Open311Schemas.REQUESTS,
				get311("/requests.json", "jurisdiction_id", CITY).getContentAsString());
		assertThat(both.size()).isEqualTo(open.size() + closedAll.size()).isEqualTo(none.size());
		// another city's view does not have them
		assertThat(get311("/requests.json", "jurisdiction_id", "xiantao").getContentAsString()).doesNotContain(received.code());
		assertError(get311("/requests/" + received.code() + ".json", "jurisdiction_id", "xiantao"), 404, "json");
		// a window before they were made
		JsonNode old = valid(Open311Schemas.REQUESTS, get311("/requests.json", "jurisdiction_id", CITY, "start_date",
				w3c(clock.instant().minusSeconds(86_400 * 30)), "end_date", w3c(clock.instant().minusSeconds(86_400 * 20)))
			.getContentAsString());
		assertThat(old.toString()).doesNotContain(received.code());

		// paging in SQL: two pages of two are the first four, newest first
		JsonNode four = valid(Open311Schemas.REQUESTS,
				get311("/requests.json", "jurisdiction_id", CITY, "page_size", "4").getContentAsString());
		JsonNode p1 = valid(Open311Schemas.REQUESTS,
				get311("/requests.json", "jurisdiction_id", CITY, "page", "1", "page_size", "2").getContentAsString());
		JsonNode p2 = valid(Open311Schemas.REQUESTS,
				get311("/requests.json", "jurisdiction_id", CITY, "page", "2", "page_size", "2").getContentAsString());
		assertThat(four).hasSize(4);
		assertThat(List.of(p1.get(0), p1.get(1), p2.get(0), p2.get(1))).containsExactly(four.get(0), four.get(1),
				four.get(2), four.get(3));
		assertThat(OffsetDateTime.parse(four.get(0).get("requested_datetime").asString()))
			.isAfterOrEqualTo(OffsetDateTime.parse(four.get(3).get("requested_datetime").asString()));

		Element xmlAll = xml(get311("/requests.xml", "jurisdiction_id", CITY, "service_request_id", ids, "extensions", "true")
			.getContentAsString());
		assertThat(children(xmlAll)).hasSize(3);
		Element accXml = children(xmlAll).stream().filter(e -> photo.code().equals(text(e, "service_request_id"))).findFirst().orElseThrow();
		assertThat(text(accXml, "agency_responsible")).isEqualTo(problem[1]);
		assertThat(text(accXml, "lat")).isEqualTo(lat.toPlainString());
		assertThat(children(children(accXml).get(17))).hasSize(2);
		assertThat(names(children(children(accXml).get(17)).get(0))).containsExactly("datetime", "status", "type", "description");
	}

	private static JsonNode find(JsonNode list, String id) {
		for (JsonNode n : list) {
			if (n.get("service_request_id").asString().equals(id)) {
				return n;
			}
		}
		throw new AssertionError(id + " not in " + list);
	}

	private static String w3c(Instant at) {
		return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME
			.format(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(java.time.ZoneId.of("Asia/Shanghai")));
	}

}
