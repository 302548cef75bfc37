package cn.chuangwen.organization;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The cities (jurisdictions) of the installation, as far as the caller's scope reaches. */
@Service
public class Cities {

	private static final String SELECT = """
			select c.id, c.code, c.name, (select u.id from unit u where u.city_id = c.id and u.parent_id is null
			                              and u.kind = 'CITY' order by u.id limit 1) as root_id
			from city c
			""";

	private final JdbcClient jdbc;

	public Cities(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<CityView> visible(DataScope scope) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql(SELECT + " where " + s.city("c.id") + " order by c.id"))
			.query((rs, n) -> new CityView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<CityView> byCode(DataScope scope, String code) {
		return visible(scope).stream().filter(c -> c.code().equals(code)).findFirst();
	}

	/** Unscoped, for administrators placing an account in a city. */
	@Transactional(readOnly = true)
	public Optional<CityView> byCode(String code) {
		return visible(DataScope.all()).stream().filter(c -> c.code().equals(code)).findFirst();
	}

}
