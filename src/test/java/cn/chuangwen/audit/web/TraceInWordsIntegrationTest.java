package cn.chuangwen.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;

/**
 * The trace in words (issue 7, 1.6): the audit page and a unit's trace tab name fields and values
 * with the bundles' labels, people and units by name (codes on hover), times in 北京时间 to the
 * second; the audit filters offer labels, not codes.
 */
@IntegrationTest
class TraceInWordsIntegrationTest {

	static final Random RANDOM = new Random();

	static final Pattern SECONDS = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	UnitView newCommunity() {
		CurrentUser office = logins.principal("qianjiang.office");
		CurrentUser liaison = logins.principal("qianjiang.liaison");
		// Signed in as the office, as a request would be: the trace names the actor from the security context.
		SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(office, null, List.of()));
		try {
			return units.create(office, new UnitDraft("W" + Math.abs(RANDOM.nextLong() % 1_000_000_000L),
					"痕迹测试社区" + RANDOM.nextInt(100000), UnitKind.COMMUNITY, liaison.unitId(), "社区", false, null, null, null));
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	String page(String account, String path) throws Exception {
		return mvc.perform(get(path).with(logins.as(account)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void theAuditFiltersOfferLabelsNotCodes() throws Exception {
		String html = page("admin.audit", "/audit");
		assertThat(html).contains("<select id=\"action\" name=\"action\">", "<option value=\"UNIT_CREATE\">新建单位</option>",
				"<select id=\"objectType\" name=\"objectType\">", "<option value=\"unit\">单位</option>");
		assertThat(html).doesNotContain("例如 UNIT_CREATE");
	}

	@Test
	void anAuditRowSaysWhoDidWhatToWhichUnitInWords() throws Exception {
		UnitView unit = newCommunity();
		String html = page("admin.audit", "/audit?action=UNIT_CREATE&objectType=unit&objectId=" + unit.id());
		assertThat(html).contains("<option value=\"UNIT_CREATE\" selected=\"selected\">新建单位</option>");
		String table = html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
		// Who: the display name, the username on hover; the object: the unit's name.
		assertThat(table).contains("title=\"qianjiang.office\"", "潜江市文明办", "单位 " + unit.name(), "潜江市");
		// What changed, in words: 类型：（空） → 社区, not kind: — → COMMUNITY.
		assertThat(table).contains("类型：（空） → 社区", "名称：（空） → " + unit.name())
			.doesNotContain("COMMUNITY", "kind:");
		assertThat(SECONDS.matcher(table).find()).isTrue();
	}

	@Test
	void aUnitsTraceTabIsInWordsToo() throws Exception {
		UnitView unit = newCommunity();
		String html = page("qianjiang.office", "/units/" + unit.id() + "?tab=trace");
		assertThat(html).contains("新建单位", "类型：（空） → 社区", "潜江市文明办", "时间为北京时间")
			.doesNotContain("COMMUNITY", ">kind<");
		assertThat(SECONDS.matcher(html).find()).isTrue();
	}

}
