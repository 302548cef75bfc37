package cn.chuangwen.organization.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditNames;

/**
 * Names for the trace pages. Unscoped on purpose: only people who may read the trace call it, and
 * a trace row already names the object; the name adds words, not access.
 */
@Component
class OrganizationAuditNames implements AuditNames {

	private final JdbcClient jdbc;

	OrganizationAuditNames(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Named> person(String username) {
		if (username == null) {
			return Optional.empty();
		}
		return jdbc.sql("select display_name, username from app_user where username = :u")
			.param("u", username)
			.query((rs, n) -> new Named(rs.getString(1), rs.getString(2)))
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Named> unit(long unitId) {
		return jdbc.sql("select name, code from unit where id = :id")
			.param("id", unitId)
			.query((rs, n) -> new Named(rs.getString(1), rs.getString(2)))
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Named> city(long cityId) {
		return jdbc.sql("select name, code from city where id = :id")
			.param("id", cityId)
			.query((rs, n) -> new Named(rs.getString(1), rs.getString(2)))
			.optional();
	}

}
