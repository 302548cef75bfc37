package cn.chuangwen.organization.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.ScopeSql;

/** SQL for the cities (jurisdictions) and each city's root unit. */
@Repository
public class CityStore {

	private static final String SELECT = """
			select c.id, c.code, c.name, (select u.id from unit u where u.city_id = c.id and u.parent_id is null
			                              and u.kind = 'CITY' order by u.id limit 1) as root_id
			from city c
			""";

	private final JdbcClient jdbc;

	public CityStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The city of a code, by its unique index. */
	public Optional<CityView> byCode(String code) {
		return jdbc.sql(SELECT + " where c.code = :code")
			.param("code", code)
			.query((rs, n) -> new CityView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.optional();
	}

	/** The cities the scope reaches, in id order. */
	public List<CityView> visible(DataScope scope) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql(SELECT + " where " + s.city("c.id") + " order by c.id"))
			.query((rs, n) -> new CityView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.list();
	}

}
