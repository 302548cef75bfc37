package cn.chuangwen.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.chuangwen.audit.internal.AuditQuery;

class AuditFilterFormTest {

	@Test
	void datesAreWholeDaysInShanghai() {
		AuditFilterForm f = new AuditFilterForm();
		f.setFrom("2026-11-26");
		f.setTo("2026-11-26");
		f.setAction(" unit_create ");
		f.setActor("  ");
		Map<String, String> errors = new LinkedHashMap<>();
		AuditQuery q = f.toQuery(7L, errors);
		assertThat(errors).isEmpty();
		assertThat(q.from()).isEqualTo(Instant.parse("2026-11-25T16:00:00Z"));
		assertThat(q.to()).isEqualTo(Instant.parse("2026-11-26T16:00:00Z"));
		assertThat(q.action()).isEqualTo("UNIT_CREATE");
		assertThat(q.actor()).isNull();
		assertThat(q.chainId()).isEqualTo(7L);
	}

	@Test
	void badValuesBecomeMessagesBesideTheirFields() {
		AuditFilterForm f = new AuditFilterForm();
		f.setFrom("2026-13-01");
		f.setUnitId("abc");
		Map<String, String> errors = new LinkedHashMap<>();
		f.toQuery(null, errors);
		assertThat(errors).containsEntry("from", "audit.error.date").containsEntry("unitId", "audit.error.number");

		AuditFilterForm g = new AuditFilterForm();
		g.setFrom("2026-11-26");
		g.setTo("2026-11-01");
		Map<String, String> rangeErrors = new LinkedHashMap<>();
		g.toQuery(null, rangeErrors);
		assertThat(rangeErrors).containsOnlyKeys("to");
	}

	@Test
	void linksKeepTheFiltersAndEncodeThem() {
		AuditFilterForm f = new AuditFilterForm();
		f.setActor("张三");
		f.setObjectId("a&b");
		f.setBefore("x");
		assertThat(f.beforeId()).isNull();
		assertThat(AuditPageController.url("/audit", f.params(), 99L))
			.isEqualTo("/audit?actor=%E5%BC%A0%E4%B8%89&objectId=a%26b&before=99");
	}

}
