package cn.chuangwen.audit;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.Accounts;

@IntegrationTest
class ScratchPageDumpTest {

	@Autowired MockMvc mvc;
	@Autowired AuditTrail trail;
	@Autowired Accounts accounts;
	@Autowired JdbcClient jdbc;

	@Test
	void dump() throws Exception {
		trail.record(AuditEntry.of("UNIT_UPDATE").city(1L).object("unit", 12).actor("xiantao.office", 3L)
			.reason("按市文明办通知调整名称").change("name", "干河街道", "干河街道办事处").change("leader_name", null, "张三"));
		trail.record(AuditEntry.of("LOGIN_FAILURE").failed().object("login", "evil\r\nINFO fake").actor("evil<script>", null));
		long id = jdbc.sql("select id from app_user where username = 'admin.audit'").query(Long.class).single();
		var auth = authentication(UsernamePasswordAuthenticationToken.authenticated(accounts.principal(id), null,
				List.of(new SimpleGrantedAuthority("FULL"), new SimpleGrantedAuthority("audit:read"), new SimpleGrantedAuthority("audit:verify"))));
		String html = mvc.perform(get("/audit").with(auth)).andReturn().getResponse().getContentAsString();
		Files.writeString(Path.of("target/audit-page.html"), html);
		String err = mvc.perform(get("/audit").param("from", "2026-02-30").param("unitId", "x").with(auth)).andReturn().getResponse().getContentAsString();
		Files.writeString(Path.of("target/audit-page-error.html"), err);
	}

}
