package cn.chuangwen.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.Browser;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.organization.testing.OrgFixtures.NewAccount;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.support.Logins;

/** Roles and their policies: 三员 separation (B5) and who edits the role policy (B6). */
@IntegrationTest
class RolesIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	RolePolicies policies;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrgFixtures fixtures;

	@ParameterizedTest
	@ValueSource(strings = { "SYSTEM_ADMIN,SECURITY_ADMIN", "SYSTEM_ADMIN,AUDIT_ADMIN", "SECURITY_ADMIN,AUDIT_ADMIN",
			"SYSTEM_ADMIN,SECURITY_ADMIN,AUDIT_ADMIN" })
	void noAccountHoldsTwoAdministratorDuties(String wanted) {
		NewAccount account = fixtures.account("duty", null, null, Set.of());
		int auditRows = fixtures.auditCount("ROLE_CHANGE", String.valueOf(account.id()));
		int versionBefore = version(account.id());
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String r : wanted.split(",")) {
			roles.add(Role.valueOf(r));
		}
		assertThatThrownBy(() -> accounts.assignRoles(logins.principal("admin.security"), account.id(), roles, "兼任"))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::messageKey)
				.containsExactly("user.error.roles.duties"));
		assertThat(roles(account.id())).isEmpty();
		assertThat(fixtures.auditCount("ROLE_CHANGE", String.valueOf(account.id()))).isEqualTo(auditRows);
		assertThat(version(account.id())).isEqualTo(versionBefore);
	}

	@Test
	void onlyTheSecurityAdministratorAssignsRoles() throws Exception {
		NewAccount account = fixtures.account("assign", "xiantao", null, Set.of());
		for (String who : new String[] { "admin.system", "admin.audit", "xiantao.office", "hubei.office" }) {
			assertThatThrownBy(() -> accounts.assignRoles(logins.principal(who), account.id(), Set.of(Role.CITY_LEADER),
					"x"))
				.as(who)
				.isInstanceOf(AccessDeniedException.class);
		}
		assertThat(mvc.perform(post("/admin/users/{id}/roles", account.id()).param("roles", "CITY_OFFICE")
			.with(csrf())
			.with(logins.as("admin.system"))).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(roles(account.id())).isEmpty();

		accounts.assignRoles(logins.principal("admin.security"), account.id(), Set.of(Role.CITY_LEADER), "任职");
		assertThat(roles(account.id())).containsExactly("CITY_LEADER");
		assertThat(fixtures.auditCount("ROLE_CHANGE", String.valueOf(account.id()))).isEqualTo(1);
	}

	@Test
	void theSecurityAdministratorCannotChangeOwnRoles() {
		CurrentUser security = logins.principal("admin.security");
		assertThatThrownBy(() -> accounts.assignRoles(security, security.id(), Set.of(Role.SECURITY_ADMIN), "self"))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::messageKey)
				.contains("user.error.self"));
	}

	@Test
	void theSystemAdministratorCannotReadTheTraceNorEditPolicies() throws Exception {
		assertThat(mvc.perform(get("/audit").with(logins.as("admin.system"))).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(mvc.perform(get("/admin/roles").with(logins.as("admin.system"))).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(mvc.perform(get("/admin/users/new").with(logins.as("admin.security"))).andReturn().getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/admin/users").with(logins.as("admin.audit"))).andReturn().getResponse().getStatus())
			.isEqualTo(403);
	}

	@Test
	void onlyTheSecurityAdministratorEditsRolePolicies() throws Exception {
		RolePolicies.RolePolicy before = policies.get(Role.CITY_LEADER);
		for (String who : new String[] { "admin.system", "admin.audit", "xiantao.office", "hubei.office",
				"xiantao.leader" }) {
			assertThatThrownBy(() -> policies.update(logins.principal(who), Role.CITY_LEADER, before.version(),
					DataScope.Kind.ALL, Set.copyOf(Permissions.ALL), "提权"))
				.as(who)
				.isInstanceOf(AccessDeniedException.class);
			assertThat(mvc.perform(post("/admin/roles/{role}", "CITY_LEADER").param("version", String.valueOf(before.version()))
				.param("scope", "ALL")
				.param("permissions", "role:edit")
				.param("reason", "提权")
				.with(csrf())
				.with(logins.as(who))).andReturn().getResponse().getStatus()).as(who).isEqualTo(403);
		}
		assertThat(policies.get(Role.CITY_LEADER)).isEqualTo(before);
	}

	@Test
	void aPolicyNeedsAScopeKnownPermissionsAndAReason() {
		CurrentUser security = logins.principal("admin.security");
		RolePolicies.RolePolicy before = policies.get(Role.SUPERVISOR);
		assertThatThrownBy(() -> policies.update(security, Role.SUPERVISOR, before.version(), null, Set.of("unit:read"),
				""))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::field)
				.containsExactlyInAnyOrder("scope", "reason"));
		assertThatThrownBy(() -> policies.update(security, Role.SUPERVISOR, before.version(), DataScope.Kind.NONE,
				Set.of("everything:admin"), "x"))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::messageKey)
				.containsExactly("role.error.permission"));
		assertThat(policies.get(Role.SUPERVISOR)).isEqualTo(before);
	}

	@Test
	void removingAPermissionTakesEffectAtOnceForEveryHolder() throws Exception {
		CurrentUser security = logins.principal("admin.security");
		RolePolicies.RolePolicy original = policies.get(Role.INSPECTOR);
		assertThat(original.permissions()).contains(Permissions.UNIT_READ);
		NewAccount holder = fixtures.activated(fixtures.account("insp", "xiantao", null, Set.of(Role.INSPECTOR)));
		Browser session = new Browser(mvc);
		assertThat(session.login(holder.username(), holder.password()).getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(session.perform(get("/units")).getResponse().getStatus()).isEqualTo(200);
		int auditRows = fixtures.auditCount("ROLE_POLICY_CHANGE", "INSPECTOR");
		try {
			Set<String> reduced = new TreeSet<>(original.permissions());
			reduced.remove(Permissions.UNIT_READ);
			RolePolicies.RolePolicy changed = policies.update(security, Role.INSPECTOR, original.version(),
					original.scope(), reduced, "测试：收回查看单位权限");
			assertThat(changed.permissions()).isEqualTo(reduced);
			assertThat(changed.version()).isEqualTo(original.version() + 1);
			assertThat(fixtures.auditCount("ROLE_POLICY_CHANGE", "INSPECTOR")).isEqualTo(auditRows + 1);

			// a new request of any holder: the demo inspector and the new one
			assertThat(mvc.perform(get("/api/v1/units").with(logins.as("xiantao.inspector"))).andReturn().getResponse()
				.getStatus()).isEqualTo(403);
			assertThat(mvc.perform(get("/units").with(logins.as(holder.username()))).andReturn().getResponse()
				.getStatus()).isEqualTo(403);
			// a new session
			Browser fresh = new Browser(mvc);
			fresh.login(holder.username(), holder.password());
			assertThat(fresh.perform(get("/units")).getResponse().getStatus()).isEqualTo(403);
			// and the session that was open before the change
			assertThat(session.perform(get("/units")).getResponse().getStatus()).isEqualTo(403);
			assertThat(session.perform(get("/account")).getResponse().getStatus()).isEqualTo(200);

			// a stale version is a conflict and changes nothing
			assertThatThrownBy(() -> policies.update(security, Role.INSPECTOR, original.version(), original.scope(),
					original.permissions(), "stale"))
				.isInstanceOf(cn.chuangwen.shared.ConflictException.class);
			assertThat(policies.get(Role.INSPECTOR).permissions()).isEqualTo(reduced);
		}
		finally {
			RolePolicies.RolePolicy now = policies.get(Role.INSPECTOR);
			policies.update(security, Role.INSPECTOR, now.version(), original.scope(), original.permissions(),
					"测试结束：恢复");
		}
		assertThat(policies.get(Role.INSPECTOR).permissions()).isEqualTo(original.permissions());
		assertThat(session.perform(get("/units")).getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void noPolicyGivesOneRoleThePermissionsOfTwoAdministratorDuties() {
		CurrentUser security = logins.principal("admin.security");
		RolePolicies.RolePolicy original = policies.get(Role.SECURITY_ADMIN);
		Set<String> widened = new TreeSet<>(original.permissions());
		widened.add(Permissions.AUDIT_READ);
		try {
			assertThatThrownBy(() -> policies.update(security, Role.SECURITY_ADMIN, original.version(), original.scope(),
					widened, "自己加审计权限"))
				.isInstanceOf(InvalidInputException.class);
			assertThat(policies.get(Role.SECURITY_ADMIN)).isEqualTo(original);
		}
		finally {
			RolePolicies.RolePolicy now = policies.get(Role.SECURITY_ADMIN);
			if (!now.permissions().equals(original.permissions())) {
				policies.update(security, Role.SECURITY_ADMIN, now.version(), original.scope(), original.permissions(),
						"测试结束：恢复");
			}
		}
	}

	private java.util.List<String> roles(long userId) {
		return jdbc.sql("select role_code from user_role where user_id = :id order by role_code")
			.param("id", userId)
			.query(String.class)
			.list();
	}

	private int version(long userId) {
		return jdbc.sql("select version from app_user where id = :id").param("id", userId).query(Integer.class).single();
	}

}
