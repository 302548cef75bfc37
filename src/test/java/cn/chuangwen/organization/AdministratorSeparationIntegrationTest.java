package cn.chuangwen.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.internal.AdministratorRecovery;
import cn.chuangwen.organization.internal.AdministratorRecovery.Action;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.organization.testing.OrgFixtures.NewAccount;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.support.Logins;

/**
 * 三员 cannot be bypassed: fixed administrator roles, administrator accounts that hold nothing
 * else and are changed only by the recovery command on the server (B5).
 */
@IntegrationTest
class AdministratorSeparationIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	RolePolicies policies;

	@Autowired
	AdministratorRecovery recovery;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrgFixtures fixtures;

	@Test
	void theSecurityAdministratorCannotGiveItsOwnRoleBusinessPermissions() throws Exception {
		CurrentUser security = logins.principal("admin.security");
		RolePolicies.RolePolicy before = policies.get(Role.SECURITY_ADMIN);
		Set<String> widened = new TreeSet<>(before.permissions());
		widened.addAll(Set.of(Permissions.UNIT_READ, Permissions.UNIT_WRITE, Permissions.ASSIGNMENT_READ));
		assertThatThrownBy(() -> policies.update(security, Role.SECURITY_ADMIN, before.version(), DataScope.Kind.ALL,
				widened, "自己加业务权限"))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::messageKey)
				.containsExactly("role.error.fixed"));
		var form = mvc.perform(post("/admin/roles/{role}", "SECURITY_ADMIN").param("version", String.valueOf(before.version()))
			.param("scope", "ALL")
			.param("permissions", widened.toArray(String[]::new))
			.param("reason", "自己加业务权限")
			.with(csrf())
			.with(logins.as("admin.security"))).andReturn().getResponse();
		assertThat(form.getStatus()).isEqualTo(302);
		assertThat(policies.get(Role.SECURITY_ADMIN)).isEqualTo(before);
		assertThat(logins.principal("admin.security").permissions())
			.containsExactlyInAnyOrder(Permissions.USER_READ, Permissions.ROLE_ASSIGN, Permissions.ROLE_EDIT);
	}

	@Test
	void theSecurityAdministratorCannotWidenTheAuditRoleNorGiveAuditPermissionsToAnotherRole() {
		CurrentUser security = logins.principal("admin.security");
		RolePolicies.RolePolicy audit = policies.get(Role.AUDIT_ADMIN);
		Set<String> widened = new TreeSet<>(audit.permissions());
		widened.add(Permissions.UNIT_READ);
		assertThatThrownBy(() -> policies.update(security, Role.AUDIT_ADMIN, audit.version(), DataScope.Kind.ALL,
				widened, "x"))
			.isInstanceOf(InvalidInputException.class);
		assertThat(policies.get(Role.AUDIT_ADMIN)).isEqualTo(audit);

		// nor hand the audit administrator's permissions to an ordinary role it could then assign
		RolePolicies.RolePolicy leader = policies.get(Role.CITY_LEADER);
		Set<String> withAudit = new TreeSet<>(leader.permissions());
		withAudit.add(Permissions.AUDIT_READ);
		assertThatThrownBy(() -> policies.update(security, Role.CITY_LEADER, leader.version(), leader.scope(), withAudit,
				"让领导看痕迹"))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::messageKey)
				.containsExactly("role.error.duties"));
		assertThat(policies.get(Role.CITY_LEADER)).isEqualTo(leader);
	}

	@Test
	void noEditStripsTheAuditAdministratorOfReadingTheTrace() throws Exception {
		CurrentUser security = logins.principal("admin.security");
		RolePolicies.RolePolicy audit = policies.get(Role.AUDIT_ADMIN);
		assertThatThrownBy(() -> policies.update(security, Role.AUDIT_ADMIN, audit.version(), DataScope.Kind.ALL,
				Set.of(Permissions.AUDIT_VERIFY), "收回审计"))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> policies.update(security, Role.AUDIT_ADMIN, audit.version(), DataScope.Kind.NONE,
				Set.of(), "清空"))
			.isInstanceOf(InvalidInputException.class);
		assertThat(mvc.perform(get("/audit").with(logins.as("admin.audit"))).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		// even a row removed behind the application's back does not take the fixed permission away
		jdbc.sql("delete from role_permission where role_code = 'AUDIT_ADMIN' and permission = 'audit:read'").update();
		try {
			assertThat(logins.principal("admin.audit").can(Permissions.AUDIT_READ)).isTrue();
			assertThat(policies.get(Role.AUDIT_ADMIN).permissions()).contains(Permissions.AUDIT_READ);
		}
		finally {
			jdbc.sql("insert into role_permission (role_code, permission) values ('AUDIT_ADMIN', 'audit:read')").update();
		}
	}

	@Test
	void theSecurityAdministratorReadsAndChangesNoCitysData() throws Exception {
		long unit = fixtures.cityRoot("xiantao");
		for (String who : new String[] { "admin.security", "admin.system", "admin.audit" }) {
			assertThat(status(get("/api/v1/units").with(logins.as(who)))).as(who).isEqualTo(403);
			assertThat(status(get("/api/v1/units/{id}", unit).with(logins.as(who)))).as(who).isIn(403, 404);
			assertThat(status(get("/units/{id}", unit).with(logins.as(who)))).as(who).isIn(403, 404);
			assertThat(status(post("/api/v1/units").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"探测\",\"kind\":\"COMMUNITY\",\"parentId\":" + unit + "}")
				.with(logins.as(who)))).as(who).isEqualTo(403);
		}
	}

	@Test
	void anAdministratorAccountHoldsNoOtherRoleAndOnlyRecoveryChangesIt() {
		CurrentUser security = logins.principal("admin.security");
		long auditAdmin = fixtures.userId("admin.audit");
		assertThatThrownBy(() -> accounts.assignRoles(security, auditAdmin, Set.of(Role.AUDIT_ADMIN, Role.CITY_LEADER),
				"兼任"))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> accounts.assignRoles(security, auditAdmin, Set.of(), "撤销审计管理员"))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(roles(auditAdmin)).containsExactly("AUDIT_ADMIN");

		NewAccount ordinary = fixtures.account("mix", "xiantao", null, Set.of());
		assertThatThrownBy(() -> accounts.assignRoles(security, ordinary.id(),
				Set.of(Role.SECURITY_ADMIN, Role.CITY_LEADER), "兼任"))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::messageKey)
				.containsExactly("user.error.roles.adminAlone"));
		assertThat(roles(ordinary.id())).isEmpty();
	}

	@Test
	void theSystemAdministratorCannotResetDisableOrEditAnAdministrator() throws Exception {
		CurrentUser system = logins.principal("admin.system");
		for (String admin : new String[] { "admin.audit", "admin.security" }) {
			long id = fixtures.userId(admin);
			Map<String, Object> before = row(id);
			assertThatThrownBy(() -> accounts.resetPassword(system, id, "Taken#Over2026")).as(admin)
				.isInstanceOf(AccessDeniedException.class);
			assertThatThrownBy(() -> accounts.setEnabled(system, id, false, "夺权")).as(admin)
				.isInstanceOf(AccessDeniedException.class);
			assertThatThrownBy(() -> accounts.update(system, id, (Integer) before.get("version"),
					new UserDraft(admin, "改名", "xiantao", null, null, null))).as(admin)
				.isInstanceOf(AccessDeniedException.class);
			assertThat(status(post("/admin/users/{id}/password", id).param("password", "Taken#Over2026")
				.with(csrf())
				.with(logins.as("admin.system")))).as(admin).isEqualTo(403);
			assertThat(status(post("/admin/users/{id}/enabled", id).param("enabled", "false")
				.param("reason", "夺权")
				.with(csrf())
				.with(logins.as("admin.system")))).as(admin).isEqualTo(403);
			assertThat(row(id)).as(admin).isEqualTo(before);
		}
		// ordinary accounts stay the system administrator's to manage
		NewAccount ordinary = fixtures.xiantaoLeader("ordinary");
		accounts.resetPassword(system, ordinary.id(), "Reset#Pass2026");
		accounts.setEnabled(system, ordinary.id(), false, "离职");
	}

	@Test
	void theRecoveryCommandChangesAnAdministratorAndIsTraced() {
		NewAccount admin = fixtures.account("recover", null, null, Set.of(Role.AUDIT_ADMIN));
		String id = String.valueOf(admin.id());
		jdbc.sql("update app_user set failed_attempts = 3, locked_until = :t where id = :id")
			.param("t", java.time.OffsetDateTime.now().plusYears(1))
			.param("id", admin.id())
			.update();

		var unlocked = recovery.recover(Action.UNLOCK, admin.username(), "recovery:ops", null);
		assertThat(unlocked.password()).isNull();
		assertThat(row(admin.id())).containsEntry("failed_attempts", 0).containsEntry("locked_until", null);

		var reset = recovery.recover(Action.RESET_PASSWORD, admin.username(), "recovery:ops", null);
		assertThat(reset.password()).isNotBlank();
		assertThat(row(admin.id())).containsEntry("must_change_password", true);

		recovery.recover(Action.DISABLE, admin.username(), "recovery:ops", null);
		assertThat(row(admin.id())).containsEntry("enabled", false);
		recovery.recover(Action.ENABLE, admin.username(), "recovery:ops", null);
		assertThat(row(admin.id())).containsEntry("enabled", true);

		assertThat(jdbc.sql("""
				select reason from audit_event where action = 'ADMIN_RECOVERY' and object_id = :id and actor = 'recovery:ops'
				order by id
				""").param("id", id).query(String.class).list())
			.containsExactly("UNLOCK", "RESET_PASSWORD", "DISABLE", "ENABLE");
		assertThatThrownBy(() -> recovery.recover(Action.RESET_PASSWORD, admin.username(), "recovery:ops", "short"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> recovery.recover(Action.UNLOCK, "nobody." + OrgFixtures.unique(), "recovery:ops", null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private int status(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
			throws Exception {
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private Map<String, Object> row(long id) {
		return jdbc.sql("""
				select password_hash, enabled, must_change_password, failed_attempts, locked_until, display_name, version
				from app_user where id = :id
				""").param("id", id).query().singleRow();
	}

	private java.util.List<String> roles(long userId) {
		return jdbc.sql("select role_code from user_role where user_id = :id order by role_code")
			.param("id", userId)
			.query(String.class)
			.list();
	}

}
