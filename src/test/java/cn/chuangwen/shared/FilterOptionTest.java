package cn.chuangwen.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The choices of a list filter: values as the URL writes them, the one the URL chose selected. */
class FilterOptionTest {

	record Unit(long id, String name) {
	}

	final List<Unit> units = List.of(new Unit(7, "园林局"), new Unit(12, "城管局"));

	@Test
	void theChoiceTheAddressNamesIsSelectedEvenWithSpaces() {
		assertThat(FilterOption.of(units, Unit::id, Unit::name, " 12 ")).containsExactly(
				new FilterOption("7", "园林局", false), new FilterOption("12", "城管局", true));
	}

	@Test
	void noChoiceOrAnUnknownOneSelectsNothing() {
		assertThat(FilterOption.of(units, Unit::id, Unit::name, null)).noneMatch(FilterOption::selected);
		assertThat(FilterOption.of(units, Unit::id, Unit::name, "")).noneMatch(FilterOption::selected);
		assertThat(FilterOption.of(units, Unit::id, Unit::name, "99")).noneMatch(FilterOption::selected);
	}

}
