package cn.chuangwen.organization;

import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one way a {@link DataScope} becomes SQL. Every store builds its scope predicate here over its
 * own columns and binds the same two parameters, {@code :scopeCity} and {@code :scopePath}.
 * The predicate names the city directly ({@code city_id = :scopeCity}), never
 * {@code (:all or city_id = :x)}, so the city index is used and a sharded database can prune by city.
 */
public final class ScopeSql {

	public static final String CITY = "scopeCity";

	public static final String PATH = "scopePath";

	/** The paths of the units a read scope sees beyond its subtree ({@link DataScope#readAlso()}). */
	public static final String ALSO = "scopeAlso";

	private static final String TRUE = "1 = 1";

	private static final String FALSE = "1 = 0";

	/** Column names come from store code, never from a request; this keeps it that way. */
	private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?");

	private final DataScope scope;

	private ScopeSql(DataScope scope) {
		this.scope = scope;
	}

	public static ScopeSql of(DataScope scope) {
		return new ScopeSql(scope == null ? DataScope.none() : scope);
	}

	/** The predicate on a row's city column: every city, one city, or none. */
	public String city(String cityColumn) {
		return switch (scope.kind()) {
			case ALL -> TRUE;
			case NONE -> FALSE;
			default -> scope.cityId() == null ? FALSE : column(cityColumn) + " = :" + CITY;
		};
	}

	/** The predicate on a unit path column within the city: the subtree, the one unit, or any unit. */
	public String unit(String pathColumn) {
		return switch (scope.kind()) {
			case ALL, CITY -> TRUE;
			case UNIT_AND_BELOW -> also(pathColumn, column(pathColumn) + " like :" + PATH);
			case UNIT -> also(pathColumn, column(pathColumn) + " = :" + PATH);
			case NONE -> FALSE;
		};
	}

	private String also(String pathColumn, String own) {
		return scope.readAlso().isEmpty() ? own : "(" + own + " or " + column(pathColumn) + " in (:" + ALSO + "))";
	}

	/** Both: rows of a city in scope whose unit (by its path) is in scope. */
	public String cityAndUnit(String cityColumn, String pathColumn) {
		String unit = unit(pathColumn);
		return TRUE.equals(unit) ? " " + city(cityColumn) + " " : " " + city(cityColumn) + " and " + unit + " ";
	}

	/** True when the scope narrows below a whole city, so a unit condition is needed at all. */
	public boolean restrictsUnits() {
		return scope.kind() == DataScope.Kind.UNIT_AND_BELOW || scope.kind() == DataScope.Kind.UNIT;
	}

	/** Binds the scope's parameters; names a predicate does not use are ignored by the driver side. */
	public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
		spec = spec.param(CITY, scope.cityBind()).param(PATH, path());
		return scope.readAlso().isEmpty() ? spec : spec.param(ALSO, scope.readAlso());
	}

	private String path() {
		return switch (scope.kind()) {
			case UNIT_AND_BELOW -> scope.unitPath() + "%";
			case UNIT -> scope.unitPath();
			default -> "";
		};
	}

	private static String column(String name) {
		if (!COLUMN.matcher(name).matches()) {
			throw new IllegalArgumentException("not a column name: " + name);
		}
		return name;
	}

}
