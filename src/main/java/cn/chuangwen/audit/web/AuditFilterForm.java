package cn.chuangwen.audit.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import cn.chuangwen.audit.internal.AuditQuery;
import cn.chuangwen.audit.internal.Text;

/**
 * The trace page's filters as typed in the URL. Kept as text so a bad value is shown back to the
 * user with a message instead of failing the request.
 */
public class AuditFilterForm {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private String actor;

	private String unitId;

	private String objectType;

	private String objectId;

	private String action;

	private String from;

	private String to;

	private String before;

	/**
	 * The filters as a query within the reader's scope; problems go into {@code errors} as
	 * field name → message key.
	 */
	AuditQuery toQuery(Long scopeChainId, Map<String, String> errors) {
		Long unit = null;
		String u = blankToNull(unitId);
		if (u != null) {
			unit = positiveLong(u);
			if (unit == null) {
				errors.put("unitId", "audit.error.number");
			}
		}
		LocalDate fromDate = date("from", from, errors);
		LocalDate toDate = date("to", to, errors);
		if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
			errors.put("to", "audit.error.range");
		}
		String act = blankToNull(action);
		return new AuditQuery(scopeChainId, cap(actor), unit, cap(objectType), cap(objectId),
				act == null ? null : Text.cap(act.toUpperCase(Locale.ROOT), 64),
				fromDate == null ? null : fromDate.atStartOfDay(SHANGHAI).toInstant(),
				toDate == null ? null : toDate.plusDays(1).atStartOfDay(SHANGHAI).toInstant());
	}

	/** The keyset cursor: rows with a smaller id; null (first page) when absent or not a number. */
	Long beforeId() {
		String b = blankToNull(before);
		return b == null ? null : positiveLong(b);
	}

	/** Non-blank filters, in a fixed order, for links and for the trace's own record. */
	Map<String, String> params() {
		Map<String, String> p = new LinkedHashMap<>();
		put(p, "actor", actor);
		put(p, "unitId", unitId);
		put(p, "objectType", objectType);
		put(p, "objectId", objectId);
		put(p, "action", action);
		put(p, "from", from);
		put(p, "to", to);
		return p;
	}

	/** The filters in one line, for the reason of an AUDIT_QUERY or AUDIT_EXPORT event. */
	String describe() {
		StringBuilder sb = new StringBuilder();
		params().forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "; ").append(k).append('=').append(v));
		String b = blankToNull(before);
		if (b != null) {
			sb.append(sb.isEmpty() ? "" : "; ").append("before=").append(b);
		}
		return Text.cap(sb.toString(), 2000);
	}

	private static void put(Map<String, String> p, String name, String value) {
		String v = blankToNull(value);
		if (v != null) {
			p.put(name, Text.cap(v, 100));
		}
	}

	private static LocalDate date(String field, String value, Map<String, String> errors) {
		String v = blankToNull(value);
		if (v == null) {
			return null;
		}
		try {
			return LocalDate.parse(v);
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "audit.error.date");
			return null;
		}
	}

	private static Long positiveLong(String s) {
		try {
			long v = Long.parseLong(s);
			return v > 0 ? v : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String cap(String s) {
		String v = blankToNull(s);
		return v == null ? null : Text.cap(v, 64);
	}

	private static String blankToNull(String s) {
		if (s == null) {
			return null;
		}
		String t = s.strip();
		return t.isEmpty() ? null : t;
	}

	public String getActor() {
		return actor;
	}

	public void setActor(String actor) {
		this.actor = actor;
	}

	public String getUnitId() {
		return unitId;
	}

	public void setUnitId(String unitId) {
		this.unitId = unitId;
	}

	public String getObjectType() {
		return objectType;
	}

	public void setObjectType(String objectType) {
		this.objectType = objectType;
	}

	public String getObjectId() {
		return objectId;
	}

	public void setObjectId(String objectId) {
		this.objectId = objectId;
	}

	public String getAction() {
		return action;
	}

	public void setAction(String action) {
		this.action = action;
	}

	public String getFrom() {
		return from;
	}

	public void setFrom(String from) {
		this.from = from;
	}

	public String getTo() {
		return to;
	}

	public void setTo(String to) {
		this.to = to;
	}

	public String getBefore() {
		return before;
	}

	public void setBefore(String before) {
		this.before = before;
	}

}
