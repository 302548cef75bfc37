package cn.chuangwen.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

/** A page reads its rows first and counts only when the rows cannot tell the total. */
class PageTest {

	final AtomicInteger counts = new AtomicInteger();

	LongSupplier count(long total) {
		return () -> {
			counts.incrementAndGet();
			return total;
		};
	}

	@Test
	void aFullPageIsCounted() {
		Page<Integer> page = Page.read(new PageRequest(1, 3), () -> List.of(1, 2, 3), count(7));
		assertThat(page.total()).isEqualTo(7);
		assertThat(page.hasNext()).isTrue();
		assertThat(counts).hasValue(1);
	}

	@Test
	void aShortPageIsTheLastAndNeedsNoCount() {
		Page<Integer> first = Page.read(new PageRequest(1, 3), () -> List.of(1, 2), count(99));
		Page<Integer> third = Page.read(new PageRequest(3, 3), () -> List.of(7), count(99));
		assertThat(first.total()).isEqualTo(2);
		assertThat(third.total()).isEqualTo(7);
		assertThat(third.hasNext()).isFalse();
		assertThat(third.pages()).isEqualTo(3);
		assertThat(counts).hasValue(0);
	}

	@Test
	void anEmptyFirstPageIsAnEmptyList() {
		Page<Integer> page = Page.read(new PageRequest(1, 3), List::of, count(99));
		assertThat(page.total()).isZero();
		assertThat(page.items()).isEmpty();
		assertThat(counts).hasValue(0);
	}

	@Test
	void anEmptyPagePastTheEndStillKnowsTheTotal() {
		Page<Integer> page = Page.read(new PageRequest(5, 3), List::of, count(7));
		assertThat(page.total()).isEqualTo(7);
		assertThat(page.items()).isEmpty();
		assertThat(page.hasPrevious()).isTrue();
		assertThat(counts).hasValue(1);
	}

	@Test
	void rowsBecomeViewsAllAtOnceAndTheTotalStays() {
		Page<Integer> rows = Page.read(new PageRequest(2, 2), () -> List.of(3, 4), count(5));
		List<List<Integer>> batches = new java.util.ArrayList<>();
		Page<String> views = rows.mapAll(batch -> {
			batches.add(batch);
			return batch.stream().map(i -> "#" + i).toList();
		});
		assertThat(batches).containsExactly(List.of(3, 4));
		assertThat(views.items()).containsExactly("#3", "#4");
		assertThat(views.total()).isEqualTo(5);
		assertThat(views.number()).isEqualTo(2);
		assertThat(Page.<String>empty(new PageRequest(1, 10)).total()).isZero();
	}

}
