package cn.chuangwen.organization.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.security.PasswordPolicy;

/**
 * First start of a production installation: when no administrator exists, creates the three
 * administrator accounts (三员: admin.system, admin.security, admin.audit) with the one-time
 * password given in CHUANGWEN_BOOTSTRAP_ADMIN_PASSWORD. Each must change it and enrol a second
 * factor at first sign-in. There is no default password: without the variable nothing is created.
 */
@Component
@Order(5)
class AdministratorBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdministratorBootstrap.class);

	private final JdbcClient jdbc;

	private final AccountStore accounts;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final DataSource dataSource;

	private final String password;

	private final boolean requirePostgresql;

	private final boolean demo;

	AdministratorBootstrap(JdbcClient jdbc, AccountStore accounts, PasswordEncoder encoder, PasswordPolicy policy,
			AuditTrail audit, TransactionTemplate tx, Clock clock, DataSource dataSource,
			@Value("${chuangwen.bootstrap.admin-password:${CHUANGWEN_BOOTSTRAP_ADMIN_PASSWORD:}}") String password,
			@Value("${chuangwen.require-postgresql:false}") boolean requirePostgresql,
			@Value("${chuangwen.demo.enabled:false}") boolean demo) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.encoder = encoder;
		this.policy = policy;
		this.audit = audit;
		this.tx = tx;
		this.clock = clock;
		this.dataSource = dataSource;
		this.password = password;
		this.requirePostgresql = requirePostgresql;
		this.demo = demo;
	}

	@Override
	public void run(ApplicationArguments args) throws SQLException {
		if (requirePostgresql) {
			try (var connection = dataSource.getConnection()) {
				String product = connection.getMetaData().getDatabaseProductName();
				if (!"PostgreSQL".equals(product)) {
					throw new IllegalStateException("The prod profile runs on PostgreSQL only, not " + product);
				}
			}
		}
		if (demo) {
			return;
		}
		boolean hasAdmin = jdbc.sql("select count(*) from user_role where role_code = 'SYSTEM_ADMIN'")
			.query(Integer.class)
			.single() > 0;
		if (hasAdmin) {
			return;
		}
		if (password == null || password.isBlank()) {
			log.warn("No administrator exists. Set CHUANGWEN_BOOTSTRAP_ADMIN_PASSWORD once to create admin.system, "
					+ "admin.security and admin.audit (each changes it and enrols TOTP at first sign-in).");
			return;
		}
		List<String> broken = policy.check("admin.system", password);
		if (!broken.isEmpty()) {
			throw new IllegalStateException("CHUANGWEN_BOOTSTRAP_ADMIN_PASSWORD breaks the password policy: " + broken);
		}
		String hash = encoder.encode(password);
		tx.executeWithoutResult(s -> {
			create("admin.system", "系统管理员", Role.SYSTEM_ADMIN, hash);
			create("admin.security", "安全管理员", Role.SECURITY_ADMIN, hash);
			create("admin.audit", "审计管理员", Role.AUDIT_ADMIN, hash);
		});
		log.info("Created admin.system, admin.security and admin.audit with the bootstrap password; "
				+ "remove CHUANGWEN_BOOTSTRAP_ADMIN_PASSWORD from the environment now.");
	}

	private void create(String username, String name, Role role, String hash) {
		if (accounts.findByUsername(username).isPresent()) {
			throw new IllegalStateException(username + " exists without the " + role + " role; fix it by hand");
		}
		long id = accounts.insert(new AccountStore.NewAccount(username, name, null, null, null), hash, true,
				clock.instant());
		accounts.setRoles(id, Set.of(role));
		audit.record(AuditEntry.of("USER_BOOTSTRAP").object("user", id).actor("system", null).change("roles", null, role));
	}

}
