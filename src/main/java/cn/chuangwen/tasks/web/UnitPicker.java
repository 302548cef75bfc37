package cn.chuangwen.tasks.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;

/**
 * A searchable unit picker: units grouped by kind and sorted by code within a kind, as checkboxes
 * (several) or radio buttons (one). A search hides the units that do not match but keeps the
 * chosen ones, so a type-ahead never drops a choice; without JavaScript every unit is listed.
 */
record UnitPicker(String field, boolean multiple, String query, List<Group> groups, int matches) {

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

	static UnitPicker of(List<UnitView> units, String query, Collection<Long> chosen, String field, boolean multiple) {
		String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
		Map<UnitKind, List<Option>> byKind = new EnumMap<>(UnitKind.class);
		int matches = 0;
		for (UnitView u : units.stream().sorted(Comparator.comparing(UnitView::code)).toList()) {
			boolean checked = chosen.contains(u.id());
			boolean match = q.isEmpty() || u.name().toLowerCase(Locale.ROOT).contains(q)
					|| u.code().toLowerCase(Locale.ROOT).contains(q);
			if (match) {
				matches++;
			}
			byKind.computeIfAbsent(u.kind(), k -> new ArrayList<>())
				.add(new Option(u.id(), u.code(), u.name(), checked, match || checked));
		}
		List<Group> groups = byKind.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList();
		return new UnitPicker(field, multiple, query == null ? "" : query.trim(), groups, matches);
	}

}
