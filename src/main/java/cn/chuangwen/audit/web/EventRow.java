package cn.chuangwen.audit.web;

import java.time.format.DateTimeFormatter;

import cn.chuangwen.audit.AuditEventView;

/** A trace row for display: the event and its time in Asia/Shanghai. */
public record EventRow(AuditEventView event, String time) {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(AuditFilterForm.SHANGHAI);

	static EventRow of(AuditEventView e) {
		return new EventRow(e, e.occurredAt() == null ? "" : TIME.format(e.occurredAt()));
	}

}
