package cn.chuangwen.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.chuangwen.audit.AuditEntry.FieldChange;

class ChangesJsonTest {

	@Test
	void writesAJsonArrayInFieldBeforeAfterOrder() {
		assertThat(ChangesJson.write(List.of(new FieldChange("name", null, "新城区"))))
			.isEqualTo("[{\"field\":\"name\",\"before\":null,\"after\":\"新城区\"}]");
	}

	@Test
	void roundTripsQuotesNewlinesAndChinese() {
		List<FieldChange> changes = List.of(new FieldChange("name", "a\"b\\c", "第一行\r\n第二行"),
				new FieldChange("leader", "", null), new FieldChange("x", "</script><b>", "\u0000\t"));
		assertThat(ChangesJson.read(ChangesJson.write(changes))).isEqualTo(changes);
	}

	@Test
	void nothingChangedIsStoredAsNull() {
		assertThat(ChangesJson.write(List.of())).isNull();
		assertThat(ChangesJson.read(null)).isEmpty();
	}

	@Test
	void aHugeChangeStillFitsTheColumn() {
		List<FieldChange> changes = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			changes.add(new FieldChange("field" + i, "旧".repeat(5000), "新".repeat(5000)));
		}
		String json = ChangesJson.write(changes);
		assertThat(json.length()).isLessThanOrEqualTo(16000);
		List<FieldChange> read = ChangesJson.read(json);
		assertThat(read.get(0).before()).hasSize(1000);
		FieldChange last = read.get(read.size() - 1);
		assertThat(last.field()).isEqualTo(ChangesJson.OMITTED);
		assertThat(Integer.parseInt(last.after()) + read.size() - 1).isEqualTo(100);
	}

	@Test
	void unparseableTextIsShownAsStored() {
		assertThat(ChangesJson.read("{broken")).containsExactly(new FieldChange("changes", null, "{broken"));
	}

}
