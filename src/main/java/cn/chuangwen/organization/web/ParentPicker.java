package cn.chuangwen.organization.web;

import java.util.ArrayList;
import java.util.List;

import cn.chuangwen.organization.UnitView;
import cn.chuangwen.shared.Page;

/**
 * The parent picker of the unit forms: one page of the units that match the search, searched in
 * the database, with the chosen unit kept first whatever the search. When more match than are
 * shown ({@code shown} of {@code matches}), the page says so, so a long list is never cut silently.
 */
record ParentPicker(List<UnitView> options, Long chosenId, String query, long matches, int shown, Long unitId) {

	static ParentPicker of(Page<UnitView> matches, UnitView chosen, String query, Long unitId) {
		List<UnitView> options = new ArrayList<>();
		if (chosen != null) {
			options.add(chosen);
		}
		matches.items().stream().filter(u -> chosen == null || u.id() != chosen.id()).forEach(options::add);
		return new ParentPicker(List.copyOf(options), chosen == null ? null : chosen.id(),
				query == null ? "" : query.trim(), matches.total(), matches.items().size(), unitId);
	}

	public boolean more() {
		return matches > shown;
	}

}
