package cn.chuangwen.organization.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.internal.UnitStore.NewUnit;

/**
 * Demo data for the embedded profile: 湖北省 with 仙桃, 天门 and 潜江, their real towns and
 * sub-districts, departments and window units, and the demo accounts. Loaded only into an empty
 * database. {@code chuangwen.demo.scale} above 1 adds synthetic communities and liaison accounts
 * to every city, for benchmarks of a big city.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {

	public static final String PASSWORD = "Demo#2026";

	/** The one TOTP secret of every demo account that needs a second factor (see README). */
	public static final String TOTP_SECRET = "CHUANGWENDEMOTOTPSECRETABCDEFGHI";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private static final Map<String, String> CITIES = new LinkedHashMap<>();
	static {
		CITIES.put("xiantao", "仙桃市");
		CITIES.put("tianmen", "天门市");
		CITIES.put("qianjiang", "潜江市");
	}

	private final JdbcClient jdbc;

	private final UnitStore units;

	private final AccountStore accounts;

	private final PasswordEncoder encoder;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final int scale;

	public DemoData(JdbcClient jdbc, UnitStore units, AccountStore accounts, PasswordEncoder encoder,
			AuditTrail audit, TransactionTemplate tx, Clock clock,
			@org.springframework.beans.factory.annotation.Value("${chuangwen.demo.scale:1}") int scale) {
		this.jdbc = jdbc;
		this.units = units;
		this.accounts = accounts;
		this.encoder = encoder;
		this.audit = audit;
		this.tx = tx;
		this.clock = clock;
		this.scale = Math.max(1, scale);
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean empty = jdbc.sql("select count(*) from province").query(Integer.class).single() == 0;
		if (!empty) {
			return;
		}
		long started = System.nanoTime();
		tx.executeWithoutResult(s -> load());
		log.info("Demo data loaded in {} ms (scale {})", (System.nanoTime() - started) / 1_000_000, scale);
	}

	void load() {
		Instant now = clock.instant();
		String hash = encoder.encode(PASSWORD);
		jdbc.sql("insert into province (code, name) values ('hubei', '湖北省')").update();
		long provinceId = jdbc.sql("select id from province where code = 'hubei'").query(Long.class).single();
		user("admin.system", "系统管理员", null, null, hash, Set.of(Role.SYSTEM_ADMIN), true, now);
		user("admin.security", "安全管理员", null, null, hash, Set.of(Role.SECURITY_ADMIN), true, now);
		user("admin.audit", "审计管理员", null, null, hash, Set.of(Role.AUDIT_ADMIN), true, now);
		user("hubei.office", "省文明办", null, null, hash, Set.of(Role.PROVINCE_OFFICE), false, now);
		for (var city : CITIES.entrySet()) {
			loadCity(provinceId, city.getKey(), city.getValue(), hash, now);
		}
	}

	private void loadCity(long provinceId, String code, String name, String hash, Instant now) {
		jdbc.sql("insert into city (province_id, code, name) values (:p, :c, :n)")
			.param("p", provinceId)
			.param("c", code)
			.param("n", name)
			.update();
		long cityId = jdbc.sql("select id from city where code = :c").param("c", code).query(Long.class).single();
		Map<String, long[]> ids = new HashMap<>();
		Map<String, String> paths = new HashMap<>();
		long firstTown = -1, firstDepartment = -1;
		List<Long> towns = new ArrayList<>();
		for (String[] row : rows("demo/units-" + code + ".csv")) {
			UnitKind kind = UnitKind.valueOf(row[3]);
			String parentCode = row[1].isEmpty() ? null : row[1];
			NewUnit unit = new NewUnit(row[0], row[2], kind, blank(row[4]), Boolean.parseBoolean(row[5]), blank(row[6]),
					blank(row[7]), blank(row[8]));
			Long parentId = parentCode == null ? null : ids.get(parentCode)[0];
			long id = units.insert(cityId, parentCode == null ? null : paths.get(parentCode), parentId, unit, now);
			ids.put(row[0], new long[] { id });
			paths.put(row[0], (parentCode == null ? "/" : paths.get(parentCode)) + id + "/");
			if (kind.isTownLevel()) {
				towns.add(id);
				if (firstTown < 0) {
					firstTown = id;
				}
			}
			if (kind == UnitKind.DEPARTMENT && firstDepartment < 0) {
				firstDepartment = id;
			}
		}
		String cityName = name;
		user(code + ".office", cityName + "文明办", cityId, null, hash, Set.of(Role.CITY_OFFICE), true, now);
		user(code + ".leader", cityName + "分管领导", cityId, null, hash, Set.of(Role.CITY_LEADER), false, now);
		user(code + ".inspector", cityName + "督查员", cityId, null, hash, Set.of(Role.INSPECTOR), false, now);
		// a second inspector, not on the demo's unannounced plan: to see by hand that it stays secret to them
		user(code + ".inspector2", cityName + "督查员二", cityId, null, hash, Set.of(Role.INSPECTOR), false, now);
		user(code + ".supervisor", cityName + "特约监督员", cityId, null, hash, Set.of(Role.SUPERVISOR), false, now);
		// four more special supervisors (issue 11 §7: five per city, their opinions in participation's demo)
		for (int n = 2; n <= 5; n++) {
			user(code + ".supervisor" + n, cityName + "特约监督员" + n, cityId, null, hash, Set.of(Role.SUPERVISOR), false,
					now);
		}
		user(code + ".liaison", cityName + "镇办联络员", cityId, firstTown, hash, Set.of(Role.UNIT_LIAISON), false, now);
		user(code + ".dept", cityName + "部门联络员", cityId, firstDepartment, hash, Set.of(Role.UNIT_LIAISON), false,
				now);
		int extraUnits = 0, extraUsers = 0;
		for (int step = 1; step < scale; step++) {
			for (int i = 0; i < 100; i++) {
				long townId = towns.get(i % towns.size());
				String townPath = jdbc.sql("select path from unit where id = :id").param("id", townId).query(String.class).single();
				String unitCode = "S" + step + "-C" + i;
				long id = units.insert(cityId, townPath, townId, new NewUnit(unitCode, "模拟社区" + step + "-" + i,
						UnitKind.COMMUNITY, "社区", false, null, null, null), now);
				extraUnits++;
				for (int u = 0; u < 6; u++) {
					user(code + ".s" + step + "c" + i + "u" + u, "模拟联络员" + step + "-" + i + "-" + u, cityId, id, hash,
							Set.of(Role.UNIT_LIAISON), false, now);
					extraUsers++;
				}
			}
		}
		audit.record(AuditEntry.of("DEMO_DATA_LOAD")
			.city(cityId)
			.object("city", cityId)
			.actor("system", null)
			.reason("units " + ids.size() + " (+" + extraUnits + " synthetic), users 11 (+" + extraUsers + " synthetic)"));
	}

	private void user(String username, String displayName, Long cityId, Long unitId, String hash, Set<Role> roles,
			boolean totp, Instant now) {
		long id = accounts.insert(new AccountStore.NewAccount(username, displayName, cityId, unitId, null), hash, false,
				now);
		accounts.setRoles(id, roles);
		if (totp) {
			accounts.setTotp(id, TOTP_SECRET, true);
		}
	}

	static List<String[]> rows(String resource) {
		List<String[]> rows = new ArrayList<>();
		try (var reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
			reader.readLine();
			String line;
			while ((line = reader.readLine()) != null) {
				if (!line.isBlank()) {
					rows.add(line.split(",", -1));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("demo data " + resource, ex);
		}
		return rows;
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
