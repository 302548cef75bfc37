package cn.chuangwen.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** One import per user, a few per node; the rest are refused at once with when to retry. */
class ImportsTest {

	Imports imports = new Imports(new ImportSettings(2, DataSize.ofMegabytes(32), Duration.ofSeconds(20), null));

	@Test
	void aSecondImportOfTheSameUserIsRefused() {
		try (Imports.Slot first = imports.begin("office")) {
			assertThatThrownBy(() -> imports.begin("office"))
				.isInstanceOfSatisfying(ImportBusyException.class, ex -> {
					assertThat(ex.messageKey()).isEqualTo("import.busy.user");
					assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(20));
				});
		}
		imports.begin("office").close();
	}

	@Test
	void theNodeRunsAtMostItsLimit() {
		Imports.Slot a = imports.begin("a");
		Imports.Slot b = imports.begin("b");
		assertThatThrownBy(() -> imports.begin("c")).isInstanceOfSatisfying(ImportBusyException.class,
				ex -> assertThat(ex.messageKey()).isEqualTo("import.busy.node"));
		a.close();
		a.close();
		// A refused user is not left marked as running, and a closed slot frees exactly one place.
		Imports.Slot c = imports.begin("c");
		assertThatThrownBy(() -> imports.begin("d")).isInstanceOf(ImportBusyException.class);
		b.close();
		c.close();
	}

}
