package cn.chuangwen.organization.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;

/**
 * The unit forms choose a parent with a type-ahead searched in the database (issue 6, 3) instead
 * of a select listing every unit of the city: the current choice is kept, a move leaves out the
 * unit's own subtree, and another city's unit answers 404.
 */
@IntegrationTest
class ParentPickerIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	String page(String account, String path, boolean htmx) throws Exception {
		var request = get(path).with(logins.as(account));
		if (htmx) {
			request = request.header("HX-Request", "true");
		}
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	@Test
	void theNewUnitFormOffersTheChosenParentAndSearchesTheRest() throws Exception {
		long town = logins.principal("xiantao.liaison").unitId();
		UnitView townView = units.get(logins.principal("xiantao.office").scope(), town);
		String form = page("xiantao.office", "/units/new?parentId=" + town, false);
		assertThat(form).contains("id=\"parent-options\"", "hx-get=\"/units/parent-picker")
			.containsPattern("name=\"parentId\" value=\"" + town + "\" checked")
			.doesNotContain("<select id=\"parentId\"");
		String search = page("xiantao.office", "/units/parent-picker?q=" + townView.code() + "&parentId=" + town, true);
		assertThat(search).doesNotContain("<html").containsPattern("value=\"" + town + "\" checked");
		// communities cannot hold units: a search for one finds nothing to choose
		UnitView community = units.page(logins.principal("xiantao.office").scope(),
				new cn.chuangwen.organization.UnitQuery("xiantao", cn.chuangwen.organization.UnitKind.COMMUNITY, null, true,
						null),
				cn.chuangwen.shared.PageRequest.first(1)).items().get(0);
		String none = page("xiantao.office", "/units/parent-picker?q=" + community.code(), true);
		assertThat(none).doesNotContain("class=\"picker-option\"").contains("没有匹配的单位");
	}

	@Test
	void aMoveLeavesOutTheUnitsOwnSubtree() throws Exception {
		long town = logins.principal("xiantao.liaison").unitId();
		UnitView townView = units.get(logins.principal("xiantao.office").scope(), town);
		String move = page("xiantao.office", "/units/" + town + "/move", false);
		assertThat(move).containsPattern("name=\"parentId\" value=\"" + townView.parentId() + "\" checked")
			.doesNotContain("value=\"" + town + "\"");
		String search = page("xiantao.office", "/units/parent-picker?unitId=" + town + "&q=" + townView.code(), true);
		assertThat(search).doesNotContain("value=\"" + town + "\"");
	}

	@Test
	void anotherCitysUnitIsNotFound() throws Exception {
		long tianmenTown = logins.principal("tianmen.liaison").unitId();
		mvc.perform(get("/units/parent-picker").param("unitId", String.valueOf(tianmenTown))
			.header("HX-Request", "true")
			.with(logins.as("xiantao.office"))).andExpect(status().isNotFound());
		mvc.perform(get("/units/" + tianmenTown + "/children").header("HX-Request", "true")
			.with(logins.as("xiantao.office"))).andExpect(status().isNotFound());
		mvc.perform(get("/units/" + tianmenTown + "/children").with(logins.as("xiantao.office")))
			.andExpect(status().isNotFound());
	}

}
