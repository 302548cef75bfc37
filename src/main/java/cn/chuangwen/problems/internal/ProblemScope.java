package cn.chuangwen.problems.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.ScopeSql;

/**
 * Who sees which problems (issue 8 §5), as one SQL predicate over {@code problem p} joined to its
 * unit {@code pu}: the office, leaders and the province every problem of the cities in their
 * scope; a unit its own problems, those under it and those it cooperates on, but never one not yet
 * dispatched when an inspection found it (an unannounced finding stays secret until then); an
 * inspector the problems they found and those they are asked to verify.
 */
public final class ProblemScope {

	enum Reach {
		/** Every problem of the cities in scope. */
		CITIES,
		/** Problems of the units in scope, but no inspection finding before it is dispatched. */
		UNITS,
		/** What the caller found or is asked to verify. */
		OWN,
		NOTHING
	}

	private final ScopeSql sql;

	private final Reach reach;

	private final String username;

	private ProblemScope(DataScope scope, Reach reach, String username) {
		this.sql = ScopeSql.of(scope);
		this.reach = reach;
		this.username = username;
	}

	public static ProblemScope of(CurrentUser user) {
		return of(user, user.scope());
	}

	/**
	 * What the user may read through {@code scope}: the user's own scope, or for reads only its
	 * read scope (the communities of its care teams added, {@code CareTeams.readScope}).
	 */
	public static ProblemScope of(CurrentUser user, DataScope scope) {
		Reach reach;
		if (!user.can(Permissions.PROBLEM_READ)) {
			reach = Reach.NOTHING;
		}
		else if (sql(scope).restrictsUnits()) {
			reach = Reach.UNITS;
		}
		else if (scope.allCities() || user.can(Permissions.PROBLEM_WRITE) || user.has(Role.CITY_LEADER)) {
			reach = Reach.CITIES;
		}
		else {
			reach = Reach.OWN;
		}
		return new ProblemScope(scope, reach, user.username());
	}

	/** Every problem of every city: for the installation's own work (demo data, listeners). */
	public static ProblemScope system() {
		return new ProblemScope(DataScope.all(), Reach.CITIES, "");
	}

	private static ScopeSql sql(DataScope scope) {
		return ScopeSql.of(scope);
	}

	/** The predicate, to AND into a WHERE over {@code problem p} (it needs no join). */
	String predicate() {
		return switch (reach) {
			case NOTHING -> " 1 = 0 ";
			case CITIES -> " " + sql.city("p.city_id") + " ";
			case OWN -> " " + sql.city("p.city_id") + " and (p.found_by = :scopeUser or p.verifier = :scopeUser) ";
			// one uncorrelated id set (own units' problems and those cooperated on), so the database looks
			// the unit's few problems up by key instead of testing every problem of the city
			case UNITS -> " " + sql.city("p.city_id") + " and (p.state <> 'PENDING' or p.source <> 'INSPECTION')"
					+ " and p.id in (select sp.id from problem sp where sp.unit_id in (select su.id from unit su"
					+ " where su.city_id = :scopeCity and " + sql.unit("su.path") + ")"
					+ " union select pc.problem_id from problem_cooperator pc join unit cu on cu.id = pc.unit_id"
					+ " where " + sql.unit("cu.path") + ") ";
		};
	}

	/**
	 * The predicate over {@code problem_notice n join unit nu on nu.id = n.unit_id}: whole cities
	 * for the office, leaders and the province, the units in scope for a unit, none for an inspector.
	 */
	String noticePredicate() {
		return switch (reach) {
			case CITIES -> " " + sql.city("n.city_id") + " ";
			case UNITS -> " " + sql.city("n.city_id") + " and " + sql.unit("nu.path") + " ";
			case OWN, NOTHING -> " 1 = 0 ";
		};
	}

	JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
		return sql.bind(spec).param("scopeUser", username);
	}

	/** Whether the caller sees whole cities (the office, leaders, the province). */
	public boolean wholeCities() {
		return reach == Reach.CITIES;
	}

}
