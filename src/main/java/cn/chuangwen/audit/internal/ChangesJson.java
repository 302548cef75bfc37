package cn.chuangwen.audit.internal;

import java.util.ArrayList;
import java.util.List;

import cn.chuangwen.audit.AuditEntry.FieldChange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Field changes as stored: a JSON array {@code [{"field":…,"before":…,"after":…}]}, or null when
 * nothing changed. Values are capped so a row always fits its column.
 */
public final class ChangesJson {

	static final int MAX_TOTAL = 16000;

	static final int MAX_FIELD = 100;

	static final int MAX_VALUE = 1000;

	/** Field name of the entry that stands for changes left out because the column was full. */
	public static final String OMITTED = "…";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ChangesJson() {
	}

	public static String write(List<FieldChange> changes) {
		if (changes == null || changes.isEmpty()) {
			return null;
		}
		StringBuilder out = new StringBuilder("[");
		int reserve = 200; // room for the "omitted" marker
		for (int i = 0; i < changes.size(); i++) {
			FieldChange c = changes.get(i);
			String item = item(Text.cap(c.field(), MAX_FIELD), Text.cap(c.before(), MAX_VALUE),
					Text.cap(c.after(), MAX_VALUE));
			if (out.length() + item.length() + 2 + reserve > MAX_TOTAL) {
				appendItem(out, item(OMITTED, null, Integer.toString(changes.size() - i)));
				break;
			}
			appendItem(out, item);
		}
		return out.append(']').toString();
	}

	public static List<FieldChange> read(String json) {
		if (json == null || json.isEmpty()) {
			return List.of();
		}
		try {
			JsonNode array = JSON.readTree(json);
			if (!array.isArray()) {
				return List.of(new FieldChange("changes", null, json));
			}
			List<FieldChange> result = new ArrayList<>();
			for (JsonNode n : array) {
				result.add(new FieldChange(text(n.get("field")), text(n.get("before")), text(n.get("after"))));
			}
			return List.copyOf(result);
		}
		catch (JacksonException ex) {
			// a row that no longer parses is shown as it is stored; the verifier reports it
			return List.of(new FieldChange("changes", null, json));
		}
	}

	private static void appendItem(StringBuilder out, String item) {
		if (out.length() > 1) {
			out.append(',');
		}
		out.append(item);
	}

	private static String item(String field, String before, String after) {
		ObjectNode node = JSON.createObjectNode();
		node.put("field", field);
		node.put("before", before);
		node.put("after", after);
		return JSON.writeValueAsString(node);
	}

	private static String text(JsonNode n) {
		return n == null || n.isNull() ? null : n.asString();
	}

}
