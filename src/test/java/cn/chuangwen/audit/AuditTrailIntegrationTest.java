package cn.chuangwen.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.audit.AuditEntry.FieldChange;
import cn.chuangwen.audit.web.RequestIdFilter;
import cn.chuangwen.audit.web.EventRow;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.security.LoginStep;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import cn.chuangwen.support.Flash;

/**
 * The trace against the real database (H2, or PostgreSQL with -Ppostgres). Every test writes to a
 * city chain of its own, so a reused database and the demo data's chains do not matter.
 */
@IntegrationTest
class AuditTrailIntegrationTest {

	private static final SimpleGrantedAuthority READ = new SimpleGrantedAuthority("audit:read");

	private static final SimpleGrantedAuthority VERIFY = new SimpleGrantedAuthority("audit:verify");

	/** Signed in with every step done (password, TOTP): the security filter chain wants it. */
	private static final SimpleGrantedAuthority SIGNED_IN = new SimpleGrantedAuthority(LoginStep.FULL_AUTHORITY);

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditChainVerifier verifier;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Test
	void recordedEventsFormAChainThatVerifiesAndReadsBack() {
		long city = newCity();
		String unit = unique();
		for (int i = 1; i <= 5; i++) {
			trail.record(AuditEntry.of("UNIT_UPDATE")
				.city(city)
				.object("unit", unit)
				.actor("tester", 8L)
				.reason(i % 2 == 0 ? null : "第 " + i + " 次")
				.change("name", "旧\"名" + i, "新\n名" + i)
				.change("same", "x", "x"));
		}

		assertThat(verifier.verify(city)).isEqualTo(new VerifyResult(true, 5, null, city));
		List<Long> seqs = jdbc.sql("select seq from audit_event where chain_id = ? order by seq")
			.param(city)
			.query(Long.class)
			.list();
		assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(jdbc.sql("select prev_hash from audit_event where chain_id = ? and seq = 1")
			.param(city)
			.query(String.class)
			.single()).isEqualTo("0".repeat(64));

		List<AuditEventView> history = trail.historyOf("unit", unit, 10);
		assertThat(history).extracting(AuditEventView::seq).containsExactly(5L, 4L, 3L, 2L, 1L);
		AuditEventView newest = history.get(0);
		assertThat(newest.actor()).isEqualTo("tester");
		assertThat(newest.actorUnitId()).isEqualTo(8L);
		assertThat(newest.cityId()).isEqualTo(city);
		assertThat(newest.chainId()).isEqualTo(city);
		assertThat(newest.outcome()).isEqualTo("SUCCESS");
		assertThat(newest.reason()).isEqualTo("第 5 次");
		assertThat(newest.changes()).containsExactly(new FieldChange("name", "旧\"名5", "新\n名5"));
		assertThat(newest.occurredAt()).isEqualTo(newest.occurredAt().truncatedTo(ChronoUnit.MILLIS));
		assertThat(trail.historyOf("unit", unit, 2)).hasSize(2);
		assertThat(trail.recentForUnit(8L, 1000)).extracting(AuditEventView::objectId).contains(unit);
	}

	@Test
	void thePositionOfACityMovesWithItsChainAndChainZeroAndNotWithAnotherCity() {
		long city = newCity();
		long other = newCity();
		long before = trail.position(city);
		long everywhere = trail.position(null);

		trail.record(AuditEntry.of("UNIT_UPDATE").city(city).object("unit", unique()));
		assertThat(trail.position(city)).isEqualTo(before + 1);
		trail.record(AuditEntry.of("UNIT_UPDATE").city(other).object("unit", unique()));
		assertThat(trail.position(city)).isEqualTo(before + 1);
		trail.record(AuditEntry.of("ROLE_POLICY_CHANGE").object("role", unique()));
		assertThat(trail.position(city)).isEqualTo(before + 2);
		// the whole installation's position counts every chain (other tests may append meanwhile)
		assertThat(trail.position(null)).isGreaterThanOrEqualTo(everywhere + 3);
		// a transaction that rolls back leaves the position where it was
		assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
			trail.record(AuditEntry.of("UNIT_UPDATE").city(city).object("unit", unique()));
			throw new IllegalStateException("rolled back");
		})).hasMessage("rolled back");
		assertThat(trail.position(city)).isEqualTo(before + 2);
	}

	@Test
	void anEventWithoutActorOrCityGoesToChainZeroAsAnonymous() {
		String id = unique();
		trail.record(AuditEntry.of("LOGIN_FAILURE").failed().object("login", id));
		AuditEventView e = trail.historyOf("login", id, 1).get(0);
		assertThat(e.chainId()).isZero();
		assertThat(e.cityId()).isNull();
		assertThat(e.actor()).isEqualTo("anonymous");
		assertThat(e.failed()).isTrue();
		assertThat(verifier.verify(0).ok()).isTrue();
	}

	@Test
	void aChangedRowIsReportedAtItsSeq() throws SQLException {
		long city = newCity();
		for (int i = 1; i <= 6; i++) {
			trail.record(AuditEntry.of("TASK_UPDATE").city(city).object("task", i).reason("r" + i));
		}
		assertThat(verifier.verify(city).ok()).isTrue();

		withTriggerOff(() -> jdbc.sql("update audit_event set reason = 'x' where chain_id = ? and seq = ?")
			.params(city, 3)
			.update());
		try {
			assertThat(verifier.verify(city)).isEqualTo(VerifyResult.broken(3, city, 3));
		}
		finally {
			// put it back, so a reused database keeps an intact trace
			withTriggerOff(() -> jdbc.sql("update audit_event set reason = 'r3' where chain_id = ? and seq = ?")
				.params(city, 3)
				.update());
		}
		assertThat(verifier.verify(city)).isEqualTo(new VerifyResult(true, 6, null, city));
	}

	@Test
	void postgresqlRefusesToChangeOrDeleteTheTrace() throws SQLException {
		Assumptions.assumeTrue(isPostgres(), "the append-only trigger exists on PostgreSQL only");
		long city = newCity();
		trail.record(AuditEntry.of("TASK_UPDATE").city(city).object("task", 1));

		assertRefused(() -> jdbc.sql("update audit_event set reason = 'x' where chain_id = ?").param(city).update());
		assertRefused(() -> jdbc.sql("delete from audit_event where chain_id = ?").param(city).update());
		assertThat(verifier.verify(city).ok()).isTrue();
	}

	@Test
	void theEventIsPartOfTheCallersTransaction() {
		long city = newCity();
		trail.record(AuditEntry.of("TASK_UPDATE").city(city).object("task", 1));
		tx.executeWithoutResult(status -> {
			trail.record(AuditEntry.of("TASK_UPDATE").city(city).object("task", 2));
			status.setRollbackOnly();
		});
		assertThat(trail.historyOf("task", "2", 10)).noneMatch(e -> e.chainId() == city);
		trail.record(AuditEntry.of("TASK_UPDATE").city(city).object("task", 3));
		assertThat(verifier.verify(city)).isEqualTo(new VerifyResult(true, 2, null, city));
	}

	@Test
	void concurrentWritersNeverForkAChain() throws Exception {
		long city = newCity();
		int threads = 4;
		int each = 25;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Callable<Void>> jobs = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				jobs.add(() -> {
					for (int i = 0; i < each; i++) {
						trail.record(AuditEntry.of("TASK_UPDATE").city(city).object("task", thread * 1000 + i));
					}
					return null;
				});
			}
			for (Future<Void> f : pool.invokeAll(jobs)) {
				f.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(verifier.verify(city)).isEqualTo(new VerifyResult(true, threads * each, null, city));
		Set<String> prevHashes = new HashSet<>(jdbc.sql("select prev_hash from audit_event where chain_id = ?")
			.param(city)
			.query(String.class)
			.list());
		assertThat(prevHashes).hasSize(threads * each);
	}

	@Test
	void verifyApiAnswersTheAgreedJsonAndIsItselfRecorded() throws Exception {
		MvcResult result = mvc.perform(get("/api/v1/audit/verify").with(user("admin.audit").authorities(SIGNED_IN, VERIFY)))
			.andExpect(status().isOk())
			.andExpect(header().exists(RequestIdFilter.HEADER))
			.andReturn();

		JsonNode json = JsonMapper.builder().build().readTree(result.getResponse().getContentAsString());
		Set<String> keys = new HashSet<>(json.propertyNames());
		assertThat(keys).contains("ok", "checked", "firstBrokenSeq").isSubsetOf("ok", "checked", "firstBrokenSeq", "chainId");
		assertThat(json.get("ok").isBoolean()).isTrue();
		assertThat(json.get("checked").isIntegralNumber()).isTrue();
		assertThat(json.get("firstBrokenSeq").isNull() || json.get("firstBrokenSeq").isIntegralNumber()).isTrue();
		assertThat(json.get("firstBrokenSeq").isNull()).isEqualTo(json.get("ok").asBoolean());

		String requestId = result.getResponse().getHeader(RequestIdFilter.HEADER);
		Map<String, Object> row = jdbc
			.sql("select actor, action, client_ip, request_id from audit_event where request_id = ?")
			.param(requestId)
			.query()
			.singleRow();
		assertThat(row).containsEntry("actor", "admin.audit")
			.containsEntry("action", "AUDIT_VERIFY")
			.containsEntry("client_ip", "127.0.0.1");
	}

	/**
	 * The trace takes the client address and request id from the origin the web layer hands over,
	 * not from a servlet request: a sign-in's failure is recorded with them, and an event recorded
	 * outside any request (a job) has neither.
	 */
	@Test
	void theOriginComesFromTheWebLayerAndIsAbsentOutsideARequest() throws Exception {
		MvcResult result = mvc.perform(post("/login").with(csrf())
			.with(request -> {
				request.setRemoteAddr("10.9.8.7");
				return request;
			})
			.param("username", "nobody-" + unique())
			.param("password", "wrong"))
			.andReturn();
		String requestId = result.getResponse().getHeader(RequestIdFilter.HEADER);
		assertThat(jdbc.sql("select client_ip from audit_event where request_id = ?")
			.param(requestId)
			.query(String.class)
			.list()).isNotEmpty().containsOnly("10.9.8.7");

		long city = newCity();
		trail.record(AuditEntry.of("UNIT_UPDATE").city(city).object("unit", unique()).actor("job", null));
		Map<String, Object> row = jdbc.sql("select client_ip, request_id from audit_event where chain_id = ?")
			.param(city)
			.query()
			.singleRow();
		assertThat(row).containsEntry("client_ip", null).containsEntry("request_id", null);
	}

	@Test
	void verifyApiIsForbiddenWithoutTheAuthority() throws Exception {
		mvc.perform(get("/api/v1/audit/verify").with(user("someone").authorities(SIGNED_IN, READ)))
			.andExpect(status().isForbidden());
	}

	@Test
	void thePageListsFilteredRowsWithKeysetPagesAndRecordsTheQuery() throws Exception {
		long city = newCity();
		String object = unique();
		for (int i = 1; i <= 53; i++) {
			trail.record(AuditEntry.of("INSPECTION_SCORE")
				.city(city)
				.object("inspection", object)
				.actor("inspector" + i, null)
				.change("score", i, i + 1));
		}

		MvcResult first = mvc
			.perform(get("/audit").param("objectType", "inspection")
				.param("objectId", object)
				.with(auditAdmin(READ, VERIFY)))
			.andExpect(status().isOk())
			.andReturn();
		List<EventRow> rows = rows(first);
		assertThat(rows).hasSize(50);
		assertThat(rows.get(0).event().actor()).isEqualTo("inspector53");
		String html = first.getResponse().getContentAsString();
		assertThat(html).contains("inspector53").contains("分值：53 → 54").contains("/audit/verify");
		String next = (String) first.getModelAndView().getModel().get("nextUrl");
		assertThat(next).contains("before=" + rows.get(49).event().id());

		MvcResult second = mvc
			.perform(get("/audit").param("objectType", "inspection")
				.param("objectId", object)
				.param("before", Long.toString(rows.get(49).event().id()))
				.with(auditAdmin(READ)))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(rows(second)).extracting(r -> r.event().actor())
			.containsExactly("inspector3", "inspector2", "inspector1");
		assertThat(second.getModelAndView().getModel().get("nextUrl")).isNull();

		assertThat(jdbc.sql("select count(*) from audit_event where action = 'AUDIT_QUERY' and reason like ?")
			.param("%objectId=" + object + "%")
			.query(Long.class)
			.single()).isEqualTo(2L);
	}

	@Test
	void badFiltersAreShownBesideTheFieldsAndQueryNothing() throws Exception {
		MvcResult result = mvc
			.perform(get("/audit").param("from", "2026-02-30").with(auditAdmin(READ)))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(rows(result)).isEmpty();
		assertThat(result.getResponse().getContentAsString()).contains("from-error").contains("2026-02-30");
	}

	@Test
	void thePageIsForbiddenWithoutTheAuthority() throws Exception {
		mvc.perform(get("/audit").with(user("someone").authorities(SIGNED_IN, VERIFY))).andExpect(status().isForbidden());
		mvc.perform(get("/audit/export.xlsx").with(user("someone").authorities(SIGNED_IN))).andExpect(status().isForbidden());
		mvc.perform(post("/audit/verify").with(csrf()).with(user("someone").authorities(SIGNED_IN, READ)))
			.andExpect(status().isForbidden());
	}

	@Test
	void verifyFromThePageShowsTheResultAfterARedirect() throws Exception {
		mvc.perform(post("/audit/verify").with(csrf()).with(user("admin.audit").authorities(SIGNED_IN, READ, VERIFY)))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/audit"))
			.andExpect(flash().attributeExists("verifyResult"));
	}

	@Test
	void thePageShowsAVerifyResultInWordsAndColour() throws Exception {
		String broken = mvc
			.perform(get("/audit").with(Flash.of("verifyResult", VerifyResult.broken(12345, 42, 1234)))
				.with(auditAdmin(READ, VERIFY)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(broken).contains("class=\"badge badge-red\">发现篡改：链 42 的第 1234 条记录起不可信（已读取 12,345 条）");

		String ok = mvc
			.perform(get("/audit").with(Flash.of("verifyResult", VerifyResult.ok(2000))).with(auditAdmin(READ, VERIFY)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(ok).contains("class=\"badge badge-green\">完整：已校验 2,000 条记录");
	}

	@Test
	void exportHasAHeaderAndExactlyTheFilteredRows() throws Exception {
		long city = newCity();
		String object = unique();
		for (int i = 1; i <= 7; i++) {
			trail.record(AuditEntry.of("PROBLEM_CLOSE").city(city).object("problem", object).reason("原因 " + i));
		}
		trail.record(AuditEntry.of("PROBLEM_CLOSE").city(city).object("problem", unique()));

		MvcResult result = mvc
			.perform(get("/audit/export.xlsx").param("objectType", "problem")
				.param("objectId", object)
				.with(user("admin.audit").authorities(SIGNED_IN, READ)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type",
					org.hamcrest.Matchers.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))
			.andReturn();
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(7);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isNotBlank();
			assertThat(sheet.getRow(1).getCell(8).getStringCellValue()).isEqualTo("原因 7");
			assertThat(sheet.getRow(7).getCell(8).getStringCellValue()).isEqualTo("原因 1");
		}
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'AUDIT_EXPORT' and reason like ?")
			.param("%objectId=" + object + "%")
			.query(Long.class)
			.single()).isEqualTo(1L);
	}

	/** The trigger's refusal: SQLSTATE 42501 (insufficient privilege) with its message. */
	private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable sql) {
		assertThatThrownBy(sql).isInstanceOf(DataAccessException.class)
			.rootCause()
			.isInstanceOf(SQLException.class)
			.hasMessageContaining("append-only")
			.satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
	}

	/** The demo audit administrator (三员), as the sign-in makes it: the layout reads its CurrentUser. */
	private RequestPostProcessor auditAdmin(GrantedAuthority... granted) {
		long id = jdbc.sql("select id from app_user where username = 'admin.audit'").query(Long.class).single();
		CurrentUser principal = accounts.principal(id);
		List<GrantedAuthority> authorities = new ArrayList<>(List.of(granted));
		authorities.add(SIGNED_IN);
		return authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
	}

	@SuppressWarnings("unchecked")
	private static List<EventRow> rows(MvcResult result) {
		return (List<EventRow>) result.getModelAndView().getModel().get("rows");
	}

	private long newCity() {
		Long province = jdbc.sql("select id from province order by id limit 1").query(Long.class).optional().orElse(null);
		if (province == null) {
			String code = "audit-p-" + unique();
			jdbc.sql("insert into province (code, name) values (?, ?)").params(code, "测试省").update();
			province = jdbc.sql("select id from province where code = ?").param(code).query(Long.class).single();
		}
		String code = "audit-" + unique();
		jdbc.sql("insert into city (province_id, code, name) values (?, ?, ?)").params(province, code, "痕迹测试市").update();
		return jdbc.sql("select id from city where code = ?").param(code).query(Long.class).single();
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	private boolean isPostgres() throws SQLException {
		try (Connection c = dataSource.getConnection()) {
			return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgresql");
		}
	}

	/** Runs raw SQL on the trace; on PostgreSQL with the append-only trigger switched off meanwhile. */
	private void withTriggerOff(Runnable sql) throws SQLException {
		boolean pg = isPostgres();
		if (pg) {
			jdbc.sql("alter table audit_event disable trigger audit_event_no_update_delete").update();
		}
		try {
			sql.run();
		}
		finally {
			if (pg) {
				jdbc.sql("alter table audit_event enable trigger audit_event_no_update_delete").update();
			}
		}
	}

}
