package cn.chuangwen.tasks.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.shared.Page;

/**
 * A searchable unit picker: units grouped by kind and sorted by code within a kind, as checkboxes
 * (several) or radio buttons (one). The search runs in the database and offers one page of the
 * matches ({@code shown} of {@code matches}; the page says so when more match); the chosen units
 * are always offered as well, so a type-ahead never drops a choice.
 */
record UnitPicker(String field, boolean multiple, String query, List<Group> groups, long matches, int shown) {

	record Group(UnitKind kind, List<Option> options) {

		public boolean anyShown() {
			return options.stream().anyMatch(Option::shown);
		}

	}

	record Option(long id, String code, String name, boolean checked, boolean shown) {
	}

	/** The names of the units chosen, shown above the list so a choice far down is never out of sight. */
	public List<String> chosen() {
		return groups.stream().flatMap(g -> g.options().stream()).filter(Option::checked).map(Option::name).toList();
	}

	/** More units match than are offered: the search should be narrowed. */
	public boolean more() {
		return matches > shown;
	}

	/**
	 * The picker over one page of matches and the chosen units ({@code chosenUnits}, those of
	 * {@code chosen} the caller can see), each unit once.
	 */
	static UnitPicker of(Page<UnitView> matches, List<UnitView> chosenUnits, String query, Collection<Long> chosen,
			String field, boolean multiple) {
		Map<Long, UnitView> offered = new LinkedHashMap<>();
		chosenUnits.forEach(u -> offered.put(u.id(), u));
		matches.items().forEach(u -> offered.putIfAbsent(u.id(), u));
		Map<UnitKind, List<Option>> byKind = new EnumMap<>(UnitKind.class);
		for (UnitView u : offered.values().stream().sorted(Comparator.comparing(UnitView::code)).toList()) {
			byKind.computeIfAbsent(u.kind(), k -> new ArrayList<>())
				.add(new Option(u.id(), u.code(), u.name(), chosen.contains(u.id()), true));
		}
		List<Group> groups = byKind.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList();
		return new UnitPicker(field, multiple, query == null ? "" : query.trim(), groups, matches.total(),
				matches.items().size());
	}

}
