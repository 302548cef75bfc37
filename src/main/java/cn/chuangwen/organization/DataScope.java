package cn.chuangwen.organization;

/**
 * What part of the organisation a signed-in user may see, resolved from the user's roles once
 * per request and turned into SQL only by {@link ScopeSql} (bind parameters, never concatenated values).
 */
public record DataScope(Kind kind, Long cityId, Long unitId, String unitPath, java.util.List<String> readAlso)
		implements java.io.Serializable {

	/**
	 * {@code readAlso}: paths of single units of the city a read may also see beyond the scope (the
	 * communities a department's care team is in charge of, {@link CareTeams}). Only
	 * {@link CareTeams#readScope} adds them, and only read paths ask for that scope: the scope of a
	 * {@link CurrentUser}, which every write checks, never has any.
	 */
	public DataScope {
		readAlso = readAlso == null ? java.util.List.of() : java.util.List.copyOf(readAlso);
	}

	public DataScope(Kind kind, Long cityId, Long unitId, String unitPath) {
		this(kind, cityId, unitId, unitPath, java.util.List.of());
	}

	/** This scope, for reading, widened by single units of its city given by path. */
	public DataScope readingAlso(java.util.Collection<String> paths) {
		return paths.isEmpty() || cityId == null ? this
				: new DataScope(kind, cityId, unitId, unitPath, java.util.List.copyOf(paths));
	}

	public enum Kind {
		/** Every city of the installation (province staff, installation administrators). */
		ALL,
		/** Every unit of one city. */
		CITY,
		/** One unit and the units under it. */
		UNIT_AND_BELOW,
		/** One unit only. */
		UNIT,
		/** No organisation data at all. */
		NONE
	}

	public static DataScope all() {
		return new DataScope(Kind.ALL, null, null, null);
	}

	public static DataScope none() {
		return new DataScope(Kind.NONE, null, null, null);
	}

	public boolean allCities() {
		return kind == Kind.ALL;
	}

	/** City id bind value; -1 matches no city when the scope is not city-bound. */
	public long cityBind() {
		return cityId == null ? -1L : cityId;
	}

	public boolean includesCity(long city) {
		return switch (kind) {
			case ALL -> true;
			case NONE -> false;
			default -> cityId != null && cityId == city;
		};
	}

	public boolean includesUnit(long unitCityId, String path) {
		if (!includesCity(unitCityId)) {
			return false;
		}
		return switch (kind) {
			case ALL, CITY -> true;
			case UNIT_AND_BELOW -> path.startsWith(unitPath) || readAlso.contains(path);
			case UNIT -> path.equals(unitPath) || readAlso.contains(path);
			case NONE -> false;
		};
	}

	/** The wider of two scopes, for a user who holds several roles. */
	public DataScope widest(DataScope other) {
		return kind.ordinal() <= other.kind.ordinal() ? this : other;
	}

}
