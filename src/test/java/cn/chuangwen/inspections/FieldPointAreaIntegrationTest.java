package cn.chuangwen.inspections;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.support.Logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The city's area for field points (issue 9 §6: "a point outside the city's bounding box"): its
 * office sets it on a page; an area that would leave active points outside, or is not an area, is
 * refused with the reason and changes nothing.
 */
@IntegrationTest
class FieldPointAreaIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	FieldPoints points;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theOfficeWidensItsAreaAndIsToldWhatIsWrongWithABadOne() throws Exception {
		CurrentUser office = logins.principal("tianmen.office");
		GeoPoint.Box before = points.area(office).orElseThrow();
		assertThat(mvc.perform(get("/inspections/area").with(logins.as("tianmen.office")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString())
			.contains("本市点位范围").contains("value=\"" + before.minLat().stripTrailingZeros().toPlainString() + "\"");

		// too narrow for the demo's points, not numbers, the wrong way round, too wide
		assertThat(area("30.60", "30.70", "113.10", "113.20").andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString()).contains("个在用点位不在这个范围内");
		assertThat(area("北纬30", "30.70", "113.10", "113.20").andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString()).contains("请填写数字");
		assertThat(area("30.90", "30.40", "113.10", "113.20").andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString()).contains("须大于对应的最南纬度");
		assertThat(area("20", "30.90", "100", "113.20").andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString()).contains("最多 5 度");
		assertThat(area("30.4", "95", "", "113.2").andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString()).contains("须在 -90 到 90 度之间").contains("请填写");
		// numbers whose arithmetic alone would take minutes or fail: refused by their digits
		assertThat(area("1e-999999999", "30.70", "113.10", "113.20").andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString()).contains("最多 3 位整数、6 位小数");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> points.changeArea(office,
				new BigDecimal("1E-999999999"), new BigDecimal("30.7"), new BigDecimal("113.1"), new BigDecimal("113.2")))
			.isInstanceOf(cn.chuangwen.shared.InvalidInputException.class);
		assertThat(points.area(office)).contains(before);

		area("30.39", "30.96", "112.59", "113.49").andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", "/inspections/points"));
		GeoPoint.Box wider = points.area(office).orElseThrow();
		assertThat(wider.maxLat()).isEqualByComparingTo(new BigDecimal("30.96"));
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'FIELD_POINT_AREA_CHANGE'"
				+ " and changes like '%30.96%'").query(Long.class).single()).isPositive();

		// others may not
		mvc.perform(get("/inspections/area").with(logins.as("tianmen.liaison"))).andExpect(status().isForbidden());
		mvc.perform(post("/inspections/area").with(csrf()).with(logins.as("tianmen.inspector"))
			.param("minLat", "30").param("maxLat", "31").param("minLng", "112").param("maxLng", "114"))
			.andExpect(status().isForbidden());
		// back to the demo's area for the other tests of this context
		points.changeArea(office, before.minLat(), before.maxLat(), before.minLng(), before.maxLng());
	}

	ResultActions area(String minLat, String maxLat, String minLng, String maxLng) throws Exception {
		return mvc.perform(post("/inspections/area").with(csrf()).with(logins.as("tianmen.office"))
			.param("minLat", minLat).param("maxLat", maxLat).param("minLng", minLng).param("maxLng", maxLng));
	}

}
