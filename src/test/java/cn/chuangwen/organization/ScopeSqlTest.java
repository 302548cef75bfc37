package cn.chuangwen.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.organization.DataScope.Kind;

/**
 * The one scope helper, run as SQL on H2 for every kind of scope: the rows it selects are exactly
 * those {@link DataScope#includesUnit} admits, and the predicate names the city directly.
 */
class ScopeSqlTest {

	private static final long CITY = 7L;

	private static final String TOWN = "/100/120/";

	private static final Map<Kind, DataScope> SCOPES = new EnumMap<>(Kind.class);
	static {
		SCOPES.put(Kind.ALL, DataScope.all());
		SCOPES.put(Kind.CITY, new DataScope(Kind.CITY, CITY, null, null));
		SCOPES.put(Kind.UNIT_AND_BELOW, new DataScope(Kind.UNIT_AND_BELOW, CITY, 120L, TOWN));
		SCOPES.put(Kind.UNIT, new DataScope(Kind.UNIT, CITY, 120L, TOWN));
		SCOPES.put(Kind.NONE, DataScope.none());
	}

	/** [id, city, path]: the town, its village, a sibling, a look-alike prefix, and the same paths in another city. */
	private static final List<Object[]> ROWS = List.of(new Object[] { 1L, CITY, "/100/" },
			new Object[] { 2L, CITY, TOWN }, new Object[] { 3L, CITY, "/100/120/121/" },
			new Object[] { 4L, CITY, "/100/130/" }, new Object[] { 5L, CITY, "/100/1200/" },
			new Object[] { 6L, 8L, TOWN }, new Object[] { 7L, 8L, "/100/120/121/" });

	private static JdbcClient jdbc;

	@BeforeAll
	static void table() {
		JdbcDataSource ds = new JdbcDataSource();
		ds.setURL("jdbc:h2:mem:scopesql;MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
		jdbc = JdbcClient.create(ds);
		jdbc.sql("create table if not exists item (id bigint primary key, city_id bigint, path varchar(200))").update();
		jdbc.sql("delete from item").update();
		for (Object[] r : ROWS) {
			jdbc.sql("insert into item values (?, ?, ?)").params(r).update();
		}
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void selectsExactlyTheRowsTheScopeIncludes(Kind kind) {
		DataScope scope = SCOPES.get(kind);
		ScopeSql s = ScopeSql.of(scope);
		Set<Long> selected = new TreeSet<>(s
			.bind(jdbc.sql("select id from item i where " + s.cityAndUnit("i.city_id", "i.path") + " order by id"))
			.query(Long.class)
			.list());
		Set<Long> expected = new TreeSet<>();
		for (Object[] r : ROWS) {
			if (scope.includesUnit((Long) r[1], (String) r[2])) {
				expected.add((Long) r[0]);
			}
		}
		assertThat(selected).as(kind.name()).isEqualTo(expected);
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void cityPredicateAloneSelectsTheScopesCities(Kind kind) {
		DataScope scope = SCOPES.get(kind);
		ScopeSql s = ScopeSql.of(scope);
		Set<Long> selected = new TreeSet<>(
				s.bind(jdbc.sql("select id from item i where " + s.city("i.city_id"))).query(Long.class).list());
		Set<Long> expected = new TreeSet<>();
		for (Object[] r : ROWS) {
			if (scope.includesCity((Long) r[1])) {
				expected.add((Long) r[0]);
			}
		}
		assertThat(selected).as(kind.name()).isEqualTo(expected);
	}

	@Test
	void namesTheCityDirectlySoTheIndexIsUsed() {
		for (Kind kind : List.of(Kind.CITY, Kind.UNIT_AND_BELOW, Kind.UNIT)) {
			String sql = ScopeSql.of(SCOPES.get(kind)).cityAndUnit("u.city_id", "u.path");
			assertThat(sql).as(kind.name()).contains("u.city_id = :scopeCity").doesNotContain(" or ");
		}
		assertThat(ScopeSql.of(SCOPES.get(Kind.CITY)).cityAndUnit("u.city_id", "u.path")).doesNotContain("path");
		assertThat(ScopeSql.of(SCOPES.get(Kind.ALL)).cityAndUnit("u.city_id", "u.path")).doesNotContain(":");
		assertThat(ScopeSql.of(null).city("u.city_id")).isEqualTo("1 = 0");
	}

	@Test
	void refusesAnythingButAColumnName() {
		ScopeSql s = ScopeSql.of(SCOPES.get(Kind.UNIT));
		assertThatThrownBy(() -> s.city("city_id or 1=1")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> s.unit("path; drop table unit")).isInstanceOf(IllegalArgumentException.class);
	}

}
