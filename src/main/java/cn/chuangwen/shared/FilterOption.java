package cn.chuangwen.shared;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * One choice of a list filter's select, already in the user's words, as the shared
 * {@code fragments/filters :: select} fragment shows it; {@code selected} when the URL chose it.
 */
public record FilterOption(String value, String label, boolean selected) {

	/**
	 * The items as choices; the one whose value equals {@code chosen} (the request parameter, trimmed)
	 * is selected, so a filter keeps showing what the address says.
	 */
	public static <T> List<FilterOption> of(Collection<T> items, Function<T, ?> value, Function<T, String> label,
			String chosen) {
		String wanted = chosen == null ? null : chosen.trim();
		return items.stream().map(item -> {
			String v = String.valueOf(value.apply(item));
			return new FilterOption(v, label.apply(item), v.equals(wanted));
		}).toList();
	}

}
