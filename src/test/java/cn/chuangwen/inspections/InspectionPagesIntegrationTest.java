package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.inspections.InspectionFixtures.Point;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.json.JsonMapper;

import static cn.chuangwen.inspections.InspectionFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The office's inspection records (issue 9 §3): the list with its filters, one record, and who sees what. */
@IntegrationTest
class InspectionPagesIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	TestClock clock;

	InspectionFixtures fx;

	@BeforeEach
	void fixtures() {
		fx = new InspectionFixtures(jdbc);
	}

	long submit(long plan, Point p, BigDecimal latShift) throws Exception {
		String body = body("c-" + UUID.randomUUID(), plan, p, 1, 1, clock.instant(), "")
			.replace("\"lat\": " + p.lat().toPlainString(), "\"lat\": " + p.lat().add(latShift).toPlainString());
		return json.readTree(mvc.perform(post("/api/v1/inspections").with(logins.as("xiantao.inspector"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
			.get("id")
			.asLong();
	}

	String page(String user, String url) throws Exception {
		return mvc.perform(get(url).with(logins.as(user))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}

	@Test
	void theOfficeListsAndFiltersItsCitysRecordsAndSeesWhereThePhoneWas() throws Exception {
		List<Point> points = fx.points("xiantao", 40, 2);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, points, "xiantao.inspector");
		long far = submit(plan, points.get(0), new BigDecimal("0.01"));
		long near = submit(plan, points.get(1), BigDecimal.ZERO);

		String all = page("xiantao.office", "/inspections/records?planId=" + plan);
		assertThat(all).contains("record-" + far).contains("record-" + near).contains("共 2 条检查记录");
		String farOnly = page("xiantao.office", "/inspections/records?planId=" + plan + "&far=true");
		assertThat(farOnly).contains("record-" + far).doesNotContain("record-" + near);
		// htmx asks for the results only
		String fragment = mvc.perform(get("/inspections/records?planId=" + plan).header("HX-Request", "true")
			.with(logins.as("xiantao.office"))).andReturn().getResponse().getContentAsString();
		assertThat(fragment).contains("record-results").doesNotContain("<html");

		String record = page("xiantao.office", "/inspections/records/" + far);
		assertThat(record).contains("far-warning").contains("超过了本市规定的 500 米").contains(points.get(0).items().get(0).item());
		assertThat(page("xiantao.office", "/inspections/records/" + near)).doesNotContain("far-warning");
		// the inspector sees their own records
		assertThat(page("xiantao.inspector", "/inspections/records?planId=" + plan)).contains("record-" + far);
		page("xiantao.inspector", "/inspections/records/" + far);
	}

	@Test
	void nobodyElseSeesTheRecordsAndASecretRoundStaysWithTheCitysOffice() throws Exception {
		List<Point> points = fx.points("xiantao", 42, 2);
		long secret = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(points.get(0)), "xiantao.inspector");
		long open = fx.plan("xiantao", PlanKind.ANNOUNCED, List.of(points.get(1)), "xiantao.inspector");
		long hidden = submit(secret, points.get(0), BigDecimal.ZERO);
		long shown = submit(open, points.get(1), BigDecimal.ZERO);

		mvc.perform(get("/inspections/records").with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
		mvc.perform(get("/inspections/records/" + hidden).with(logins.as("xiantao.liaison")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/inspections/records/" + hidden).with(logins.as("tianmen.office")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/inspections/records/" + hidden).with(logins.as("tianmen.inspector")))
			.andExpect(status().isNotFound());
		assertThat(page("tianmen.office", "/inspections/records")).doesNotContain("record-" + hidden)
			.doesNotContain("record-" + shown);
		// the province reads results, but an open unannounced round is the city office's secret
		mvc.perform(get("/inspections/records/" + hidden).with(logins.as("hubei.office"))).andExpect(status().isNotFound());
		page("hubei.office", "/inspections/records/" + shown);
		assertThat(page("hubei.office", "/inspections/records")).doesNotContain("record-" + hidden);
		// once the round is closed it is no secret
		fx.close(secret);
		page("hubei.office", "/inspections/records/" + hidden);
	}

}
