package cn.chuangwen.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;

/**
 * Problems of a form, resolved to the user's language, in the shape the form templates show:
 * a summary at the top (each item linking to its field) and the same words beside each field.
 * Serializable: it travels as a flash attribute in the session, which lives in the database.
 */
public record FormErrors(List<Item> items) implements java.io.Serializable {

	public record Item(String field, Integer row, String message) implements java.io.Serializable {
	}

	public static FormErrors none() {
		return new FormErrors(List.of());
	}

	public static FormErrors of(List<FieldProblem> problems, MessageSource messages, Locale locale) {
		List<Item> items = new ArrayList<>();
		for (FieldProblem p : problems) {
			items.add(new Item(p.field(), p.row(),
					messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale)));
		}
		return new FormErrors(items);
	}

	public boolean any() {
		return !items.isEmpty();
	}

	public boolean has(String field) {
		return items.stream().anyMatch(i -> field.equals(i.field()));
	}

	/** The first message for a field, or null. */
	public String of(String field) {
		return items.stream().filter(i -> field.equals(i.field())).map(Item::message).findFirst().orElse(null);
	}

	/** Messages grouped by field, for the API's {@code errors: [{field, message}]}. */
	public Map<String, String> byField() {
		Map<String, String> map = new LinkedHashMap<>();
		items.forEach(i -> map.putIfAbsent(i.field(), i.message()));
		return map;
	}

}
