package cn.chuangwen.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;

/**
 * Who reviews reports in a city is read whole (issue 6 §3, nothing silently truncated): the hourly
 * review digest goes to every holder, so a city with more reviewers than one query page (500)
 * still reaches the last of them.
 */
@IntegrationTest
class AccountsHoldingIntegrationTest {

	static final int EXTRA_REVIEWERS = 501;

	@Autowired
	Accounts accounts;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate template;

	@Test
	void everyReviewerOfABigCityIsListed() {
		String code = "rev" + OrgFixtures.unique();
		long province = jdbc.sql("select province_id from city where code = 'xiantao'").query(Long.class).single();
		jdbc.sql("insert into city (province_id, code, name) values (?, ?, ?)").params(province, code, "审核多市").update();
		long cityId = jdbc.sql("select id from city where code = ?").param(code).query(Long.class).single();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				insert into unit (city_id, code, name, kind, parent_id, path, active, version, created_at, updated_at)
				values (?, 'REV', '审核多市', 'CITY', null, '/', true, 0, ?, ?)""").params(cityId, now, now).update();
		long root = jdbc.sql("select id from unit where city_id = ?").param(cityId).query(Long.class).single();
		jdbc.sql("update unit set path = ? where id = ?").params("/" + root + "/", root).update();
		var office = new OrgFixtures(accounts, logins, jdbc).account("revoffice", code, root, Set.of(Role.CITY_OFFICE));

		// Test set-up straight into the tables (one batch, not 501 audited creations): reviewers of
		// this city only, so no other test's digest or list sees them.
		List<Object[]> users = new ArrayList<>();
		for (int i = 0; i < EXTRA_REVIEWERS; i++) {
			users.add(new Object[] { code + ".r" + String.format("%04d", i), "审核员" + i, cityId, root, now, now });
		}
		template.batchUpdate("""
				insert into app_user (username, display_name, city_id, unit_id, password_hash, password_changed_at,
				                      must_change_password, enabled, created_at)
				values (?, ?, ?, ?, 'x', ?, false, true, ?)""", users);
		template.update("""
				insert into user_role (user_id, role_code)
				select id, 'CITY_OFFICE' from app_user where city_id = ? and username like ?""", cityId, code + ".r%");
		// A disabled reviewer gets nothing.
		template.update("update app_user set enabled = false where username = ?", code + ".r0000");

		List<UserView> holders = accounts.holding(logins.principal(office.username()), Permissions.REPORT_REVIEW);

		// 501 inserted, one of them disabled, plus the office.
		assertThat(holders).hasSize(EXTRA_REVIEWERS);
		assertThat(holders).extracting(UserView::username)
			.contains(office.username(), code + ".r0001", code + ".r" + String.format("%04d", EXTRA_REVIEWERS - 1))
			.doesNotContain(code + ".r0000")
			.doesNotHaveDuplicates();
		assertThat(holders).extracting(UserView::cityCode).containsOnly(code);
	}

}
