package cn.chuangwen.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list read with {@code LIMIT}/{@code OFFSET}, and how many rows match in all. */
public record Page<T>(List<T> items, long total, PageRequest request) {

	public Page {
		items = List.copyOf(items);
	}

	public int number() {
		return request.page();
	}

	public int size() {
		return request.size();
	}

	/** Number of pages, at least 1 so an empty list still shows "page 1 of 1". */
	public int pages() {
		return (int) Math.max(1, (total + request.size() - 1) / request.size());
	}

	public boolean hasPrevious() {
		return request.page() > 1;
	}

	public boolean hasNext() {
		return request.offset() + items.size() < total;
	}

	public <R> Page<R> map(Function<? super T, ? extends R> f) {
		return new Page<>(items.stream().<R>map(f).toList(), total, request);
	}

}
