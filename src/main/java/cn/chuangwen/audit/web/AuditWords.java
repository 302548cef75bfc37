package cn.chuangwen.audit.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditNames;

/**
 * The trace in words, for every page that shows it ({@code @auditWords} in templates): field
 * names and enum values from the message bundles, times in 北京时间 to the second, people, units
 * and cities by name with the stored code kept for the hover title.
 */
@Component("auditWords")
public class AuditWords {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(AuditFilterForm.SHANGHAI);

	/** Which bundle prefix names the values of a field (enum names), by field and by object type + field. */
	private static final Map<String, String> ENUMS = Map.ofEntries(Map.entry("kind", "unit.kind."),
			Map.entry("status", "report.status."), Map.entry("responsibility_letter.state", "letter.state."),
			Map.entry("state", "assignment.state."), Map.entry("scope", "scope."), Map.entry("roles", "role."),
			Map.entry("role", "role."), Map.entry("problem.state", "problem.state."),
			Map.entry("problem.source", "problem.source."), Map.entry("problem.severity", "problem.severity."),
			Map.entry("demonstrationSite.kind", "site.kind."), Map.entry("demonstrationSite.state", "site.state."));

	/** Fields that hold a unit id. */
	private static final java.util.Set<String> UNIT_IDS = java.util.Set.of("unitId", "parentId", "leadUnitId");

	private static final Pattern ENUM_TOKEN = Pattern.compile("[A-Z][A-Z0-9_]+");

	private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})");

	private final MessageSource messages;

	private final ObjectProvider<AuditNames> names;

	AuditWords(MessageSource messages, ObjectProvider<AuditNames> names) {
		this.messages = messages;
		this.names = names;
	}

	/** A moment in 北京时间 to the second, e.g. 2026-11-30 14:05:09. */
	public String time(Instant instant) {
		return instant == null ? "" : TIME.format(instant);
	}

	/** The action's label ("新建单位"), or its code when it has none. */
	public String action(String code) {
		return message("audit.action." + code).orElse(code);
	}

	/** The object type's label ("单位"), or the stored type. */
	public String objectType(String type) {
		return type == null ? "" : message("audit.objectType." + type).orElse(type);
	}

	/** An account's display name, or the username when it is unknown (e.g. "system"). */
	public String person(String username) {
		if (username == null) {
			return "";
		}
		return lookup().flatMap(n -> n.person(username)).map(AuditNames.Named::name)
			.or(() -> message("audit.actor." + username))
			.orElse(username);
	}

	/** A unit's name by id, or the id. */
	public String unit(Long id) {
		if (id == null) {
			return "";
		}
		return lookup().flatMap(n -> n.unit(id)).map(AuditNames.Named::name).orElse(String.valueOf(id));
	}

	/** A unit's code (for the hover title), or the id. */
	public String unitCode(Long id) {
		if (id == null) {
			return "";
		}
		return lookup().flatMap(n -> n.unit(id)).map(AuditNames.Named::code).orElse(String.valueOf(id));
	}

	/** A city's name by id, or the id. */
	public String city(Long id) {
		if (id == null) {
			return "";
		}
		return lookup().flatMap(n -> n.city(id)).map(AuditNames.Named::name).orElse(String.valueOf(id));
	}

	/** The object a row is about, in words: "单位 城关社区" for a unit, otherwise "任务 12". */
	public String object(String type, String id) {
		if (type == null) {
			return "";
		}
		String name = id == null ? "" : id;
		if ("unit".equals(type) && id != null && id.matches("[0-9]{1,18}")) {
			name = unit(Long.valueOf(id));
		}
		else if ("city".equals(type) && id != null && id.matches("[0-9]{1,18}")) {
			name = city(Long.valueOf(id));
		}
		return (objectType(type) + " " + name).strip();
	}

	/** A changed field's label: "截止日期" for deadline; per object type first, then shared. */
	public String field(String objectType, String field) {
		return message("trace.field." + objectType + "." + field)
			.or(() -> message("trace.field." + field))
			.orElse(field);
	}

	/** A stored value in words; "—" when there is none. */
	public String value(String objectType, String field, String raw) {
		if (raw == null || raw.isBlank()) {
			return message("audit.value.empty").orElse("—");
		}
		String prefix = ENUMS.getOrDefault(objectType + "." + field, ENUMS.get(field));
		if (prefix != null) {
			return enumWords(prefix, raw);
		}
		if (UNIT_IDS.contains(field) && raw.matches("[0-9]{1,18}")) {
			return unit(Long.valueOf(raw));
		}
		if ("true".equals(raw) || "false".equals(raw)) {
			return message(Boolean.parseBoolean(raw) ? "yes" : "no").orElse(raw);
		}
		if (INSTANT.matcher(raw).matches()) {
			try {
				return TIME.format(OffsetDateTime.parse(raw).toInstant());
			}
			catch (DateTimeParseException ex) {
				return raw;
			}
		}
		return raw;
	}

	/** One change as a line: "截止日期：2026-12-31 → 2027-01-10". */
	public String change(String objectType, AuditEntry.FieldChange c) {
		return field(objectType, c.field()) + "：" + value(objectType, c.field(), c.before()) + " → "
				+ value(objectType, c.field(), c.after());
	}

	/** Every enum name in the value replaced by its label ("[CITY_OFFICE]" → "[市文明办]"). */
	private String enumWords(String prefix, String raw) {
		Matcher m = ENUM_TOKEN.matcher(raw);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String token = m.group();
			m.appendReplacement(out, Matcher.quoteReplacement(message(prefix + token).orElse(token)));
		}
		m.appendTail(out);
		return out.toString();
	}

	private Optional<AuditNames> lookup() {
		return Optional.ofNullable(names.getIfAvailable());
	}

	private Optional<String> message(String key) {
		Locale locale = LocaleContextHolder.getLocale();
		return Optional.ofNullable(messages.getMessage(key, null, null, locale));
	}

}
