package cn.chuangwen.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.chuangwen.organization.DataScope.Kind;

/** The data scope of a user: which cities and which part of the unit tree (checklist B2). */
class DataScopeTest {

	private static final long CITY = 7L;

	private static final long OTHER_CITY = 8L;

	private static final String TOWN = "/100/120/";

	private static final Map<Kind, DataScope> SCOPES = new EnumMap<>(Kind.class);
	static {
		SCOPES.put(Kind.ALL, DataScope.all());
		SCOPES.put(Kind.CITY, new DataScope(Kind.CITY, CITY, null, null));
		SCOPES.put(Kind.UNIT_AND_BELOW, new DataScope(Kind.UNIT_AND_BELOW, CITY, 120L, TOWN));
		SCOPES.put(Kind.UNIT, new DataScope(Kind.UNIT, CITY, 120L, TOWN));
		SCOPES.put(Kind.NONE, DataScope.none());
	}

	@Test
	void allCities() {
		assertThat(SCOPES.get(Kind.ALL).allCities()).isTrue();
		for (Kind k : List.of(Kind.CITY, Kind.UNIT_AND_BELOW, Kind.UNIT, Kind.NONE)) {
			assertThat(SCOPES.get(k).allCities()).as(k.name()).isFalse();
		}
	}

	@Test
	void includesCityForEveryKind() {
		assertThat(SCOPES.get(Kind.ALL).includesCity(OTHER_CITY)).isTrue();
		assertThat(SCOPES.get(Kind.CITY).includesCity(CITY)).isTrue();
		assertThat(SCOPES.get(Kind.CITY).includesCity(OTHER_CITY)).isFalse();
		assertThat(SCOPES.get(Kind.UNIT_AND_BELOW).includesCity(CITY)).isTrue();
		assertThat(SCOPES.get(Kind.UNIT_AND_BELOW).includesCity(OTHER_CITY)).isFalse();
		assertThat(SCOPES.get(Kind.UNIT).includesCity(CITY)).isTrue();
		assertThat(SCOPES.get(Kind.UNIT).includesCity(OTHER_CITY)).isFalse();
		assertThat(SCOPES.get(Kind.NONE).includesCity(CITY)).isFalse();
	}

	@Test
	void includesUnitForEveryKind() {
		String city = "/100/";
		String town = TOWN;
		String community = "/100/120/121/";
		String siblingTown = "/100/130/";
		// a path that shares the digits but not the segment: /100/1200/ is not under /100/120/
		String lookalike = "/100/1200/";
		record Case(Kind kind, long cityId, String path, boolean expected) {
		}
		List<Case> cases = List.of(
				new Case(Kind.ALL, OTHER_CITY, "/9/", true), new Case(Kind.ALL, CITY, community, true),
				new Case(Kind.CITY, CITY, city, true), new Case(Kind.CITY, CITY, community, true),
				new Case(Kind.CITY, OTHER_CITY, "/9/", false),
				new Case(Kind.UNIT_AND_BELOW, CITY, town, true), new Case(Kind.UNIT_AND_BELOW, CITY, community, true),
				new Case(Kind.UNIT_AND_BELOW, CITY, city, false), new Case(Kind.UNIT_AND_BELOW, CITY, siblingTown, false),
				new Case(Kind.UNIT_AND_BELOW, CITY, lookalike, false),
				new Case(Kind.UNIT_AND_BELOW, OTHER_CITY, community, false),
				new Case(Kind.UNIT, CITY, town, true), new Case(Kind.UNIT, CITY, community, false),
				new Case(Kind.UNIT, CITY, city, false), new Case(Kind.UNIT, OTHER_CITY, town, false),
				new Case(Kind.NONE, CITY, town, false), new Case(Kind.NONE, CITY, city, false));
		for (Case c : cases) {
			assertThat(SCOPES.get(c.kind()).includesUnit(c.cityId(), c.path())).as(c.toString()).isEqualTo(c.expected());
		}
	}

	@Test
	void widestOfEveryPairIsTheBroaderKind() {
		List<Kind> broadToNarrow = List.of(Kind.ALL, Kind.CITY, Kind.UNIT_AND_BELOW, Kind.UNIT, Kind.NONE);
		for (Kind a : Kind.values()) {
			for (Kind b : Kind.values()) {
				Kind expected = broadToNarrow.indexOf(a) <= broadToNarrow.indexOf(b) ? a : b;
				DataScope widest = SCOPES.get(a).widest(SCOPES.get(b));
				assertThat(widest.kind()).as("%s ∪ %s", a, b).isEqualTo(expected);
				assertThat(widest).isSameAs(expected == a ? SCOPES.get(a) : SCOPES.get(b));
				assertThat(SCOPES.get(b).widest(SCOPES.get(a)).kind()).as("symmetric").isEqualTo(expected);
			}
		}
		assertThat(DataScope.none().widest(DataScope.none()).kind()).isEqualTo(Kind.NONE);
	}

}
