package cn.chuangwen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.support.Logins;

/**
 * Every filtered list page is one handler (issue 7 §2): with {@code HX-Request} (the filter form's
 * {@code hx-get}) the answer is only the results fragment, filtered; without it the whole page, so
 * the pushed URL reloads and a browser without JavaScript still filters.
 */
@IntegrationTest
class ListFiltersHtmxIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	private MockHttpServletResponse page(String user, String url) throws Exception {
		return mvc.perform(get(url).with(logins.as(user))).andReturn().getResponse();
	}

	private MockHttpServletResponse fragment(String user, String url) throws Exception {
		return mvc.perform(get(url).header("HX-Request", "true").with(logins.as(user))).andReturn().getResponse();
	}

	/** The fragment is the results region alone, answered with Vary so no cache mixes the two. */
	/**
	 * The htmx answer is the results fragment and the plain answer the whole page, and both list
	 * {@code shown} and not {@code hidden}. Returns the fragment, for checks of its own.
	 */
	private String bothShow(String account, String url, String resultsId, String shown, String hidden)
			throws Exception {
		String fragment = assertFragment(fragment(account, url), resultsId);
		assertThat(fragment).contains(shown).doesNotContain(hidden);
		String full = assertPage(page(account, url), resultsId);
		assertThat(full).contains(shown).doesNotContain(hidden);
		return fragment;
	}

	private String assertFragment(MockHttpServletResponse r, String resultsId) throws Exception {
		assertThat(r.getStatus()).isEqualTo(200);
		assertThat(r.getHeaders("Vary")).contains("HX-Request");
		String body = r.getContentAsString();
		assertThat(body).doesNotContain("<html").doesNotContain("<form class=\"filters\"")
			.startsWith("<div id=\"" + resultsId + "\"");
		return body;
	}

	private String assertPage(MockHttpServletResponse r, String resultsId) throws Exception {
		assertThat(r.getStatus()).isEqualTo(200);
		String body = r.getContentAsString();
		assertThat(body).contains("<html").contains("class=\"filters\"").contains("hx-push-url=\"true\"")
			.contains("id=\"" + resultsId + "\"");
		return body;
	}

	record Row(long id, String code) {
	}

	@Test
	void assignmentListAnswersTheFilteredRowsAsAFragment() throws Exception {
		List<Row> rows = jdbc.sql("""
				select a.id, a.indicator_code as code from assignment a join city c on c.id = a.city_id
				where c.code = 'xiantao' and a.withdrawn_at is null order by a.id""").query(Row.class).list();
		Row wanted = rows.get(0);
		Row other = rows.stream().filter(r -> !r.code().equals(wanted.code())).findFirst().orElseThrow();
		String url = "/assignments?code=" + wanted.code();

		bothShow("xiantao.office", url, "assignment-results", "/assignments/" + wanted.id() + "\"",
				"/assignments/" + other.id() + "\"");
	}

	@Test
	void unitListAnswersTheFilteredRowsAsAFragment() throws Exception {
		List<Row> units = jdbc.sql("""
				select u.id, u.code from unit u join city c on c.id = u.city_id
				where c.code = 'xiantao' order by u.id""").query(Row.class).list();
		Row wanted = units.get(units.size() - 1);
		Row other = units.get(0);
		String url = "/units?view=list&q=" + wanted.code();

		String fragment = bothShow("xiantao.office", url, "unit-results", "/units/" + wanted.id() + "\"",
				"/units/" + other.id() + "\"");
		// The export link travels with the rows, so it exports exactly what the filters show.
		assertThat(fragment).containsPattern("/units/export\\.xlsx\\?[^\"]*q=" + wanted.code());
	}

	@Test
	void auditListAnswersTheFilteredRowsAsAFragmentWithItsErrors() throws Exception {
		List<String> actions = jdbc.sql("select action from audit_event group by action order by count(*) desc")
			.query(String.class)
			.list();
		String wanted = actions.get(0);
		String other = actions.get(1);
		String url = "/audit?action=" + wanted;

		String fragment = bothShow("admin.audit", url, "audit-results", "title=\"" + wanted + "\"",
				"title=\"" + other + "\"");
		assertThat(fragment).contains("/audit/export.xlsx?action=" + wanted);

		// A bad filter: the fragment carries the error summary, so an htmx user sees why nothing shows.
		String bad = assertFragment(fragment("admin.audit", "/audit?unitId=abc"), "audit-results");
		assertThat(bad).contains("error-summary").contains("href=\"#unitId\"").doesNotContain("<table");
	}

	@Test
	void userListAnswersTheFilteredRowsAsAFragment() throws Exception {
		String url = "/admin/users?q=tianmen.liaison";

		bothShow("admin.system", url, "user-results", "tianmen.liaison", "xiantao.office");
	}

	@Test
	void indicatorSystemListAnswersTheCitysSystemsAsAFragment() throws Exception {
		record System(long id, String city) {
		}
		List<System> systems = jdbc.sql("""
				select s.id, c.code as city from indicator_system s join city c on c.id = s.city_id order by s.id""")
			.query(System.class)
			.list();
		System wanted = systems.stream().filter(s -> s.city().equals("tianmen")).findFirst().orElseThrow();
		System other = systems.stream().filter(s -> !s.city().equals("tianmen")).findFirst().orElseThrow();
		String url = "/indicators?city=tianmen";

		bothShow("hubei.office", url, "indicator-results", "/indicators/" + wanted.id() + "\"",
				"/indicators/" + other.id() + "\"");
	}

	@Test
	void htmxRestoringHistoryGetsTheWholePage() throws Exception {
		MockHttpServletResponse r = mvc.perform(get("/assignments?state=OVERDUE").header("HX-Request", "true")
				.header("HX-History-Restore-Request", "true").with(logins.as("xiantao.office"))).andReturn()
			.getResponse();
		assertPage(r, "assignment-results");
	}

}
