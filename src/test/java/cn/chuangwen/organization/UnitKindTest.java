package cn.chuangwen.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static cn.chuangwen.organization.UnitKind.*;

class UnitKindTest {

	@Test
	void allowedParentsOfEveryKind() {
		Map<UnitKind, EnumSet<UnitKind>> expected = Map.of(
				CITY, EnumSet.noneOf(UnitKind.class),
				DISTRICT, EnumSet.of(CITY),
				TOWN, EnumSet.of(CITY, DISTRICT),
				TOWNSHIP, EnumSet.of(CITY, DISTRICT),
				SUBDISTRICT, EnumSet.of(CITY, DISTRICT),
				COMMUNITY, EnumSet.of(DISTRICT, TOWN, TOWNSHIP, SUBDISTRICT),
				VILLAGE, EnumSet.of(DISTRICT, TOWN, TOWNSHIP, SUBDISTRICT),
				DEPARTMENT, EnumSet.of(CITY, DEPARTMENT),
				WINDOW, EnumSet.of(CITY, DEPARTMENT));
		assertThat(expected.keySet()).containsExactlyInAnyOrder(UnitKind.values());
		for (UnitKind kind : UnitKind.values()) {
			assertThat(kind.allowedParents()).as(kind.name()).isEqualTo(expected.get(kind));
		}
	}

	@Test
	void nothingHangsUnderALeafAndNothingAboveTheCity() {
		for (UnitKind kind : UnitKind.values()) {
			assertThat(kind.allowedParents()).as(kind.name()).doesNotContain(COMMUNITY, VILLAGE, WINDOW);
		}
	}

	@ParameterizedTest
	@EnumSource(UnitKind.class)
	void parsesTheNameInAnyCaseAndTheChineseName(UnitKind kind) {
		assertThat(UnitKind.parse(kind.name())).hasValue(kind);
		assertThat(UnitKind.parse(kind.name().toLowerCase())).hasValue(kind);
		assertThat(UnitKind.parse("  " + kind.name() + " ")).hasValue(kind);
		assertThat(UnitKind.parse(kind.chineseName())).hasValue(kind);
		assertThat(UnitKind.parse(" " + kind.chineseName() + "\t")).hasValue(kind);
		assertThat(kind.messageKey()).isEqualTo("unit.kind." + kind.name());
	}

	@Test
	void chineseNamesAsInTheWorkbookTemplate() {
		assertThat(UnitKind.parse("街道办事处")).hasValue(SUBDISTRICT);
		assertThat(UnitKind.parse("社区")).hasValue(COMMUNITY);
		assertThat(UnitKind.parse("村")).hasValue(VILLAGE);
		assertThat(UnitKind.parse("市直部门")).hasValue(DEPARTMENT);
		assertThat(UnitKind.parse("窗口行业单位")).hasValue(WINDOW);
		assertThat(UnitKind.parse("镇")).hasValue(TOWN);
		assertThat(UnitKind.parse("乡")).hasValue(TOWNSHIP);
		assertThat(UnitKind.parse("区")).hasValue(DISTRICT);
		assertThat(UnitKind.parse("市")).hasValue(CITY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "宇宙", "街道", "COMMUNITYX", "社区居委会", "1" })
	void unknownTextParsesToNothing(String text) {
		assertThat(UnitKind.parse(text)).isEmpty();
	}

	@Test
	void nullParsesToNothing() {
		assertThat(UnitKind.parse(null)).isEmpty();
	}

	@Test
	void townLevelKinds() {
		assertThat(EnumSet.allOf(UnitKind.class).stream().filter(UnitKind::isTownLevel))
			.containsExactlyInAnyOrder(DISTRICT, TOWN, TOWNSHIP, SUBDISTRICT);
	}

}
