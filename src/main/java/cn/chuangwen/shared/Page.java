package cn.chuangwen.shared;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** One page of a list read with {@code LIMIT}/{@code OFFSET}, and how many rows match in all. */
public record Page<T>(List<T> items, long total, PageRequest request) {

	public Page {
		items = List.copyOf(items);
	}

	/**
	 * Reads a page: its rows first, then the count only when the rows do not tell it. A page that is
	 * not full is the last one, so the total is the rows before it plus its own; only a full page, or
	 * an empty one past the first, needs the count.
	 */
	public static <T> Page<T> read(PageRequest request, Supplier<List<T>> rows, LongSupplier count) {
		List<T> items = rows.get();
		boolean last = items.size() < request.size() && (!items.isEmpty() || request.offset() == 0);
		return new Page<>(items, last ? request.offset() + items.size() : count.getAsLong(), request);
	}

	/** No rows: a caller that sees nothing here, answered without a query. */
	public static <T> Page<T> empty(PageRequest request) {
		return new Page<>(List.of(), 0, request);
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

	/** The same page with its rows turned into views all at once (one query for what they refer to). */
	public <R> Page<R> mapAll(Function<List<T>, List<R>> f) {
		return new Page<>(f.apply(items), total, request);
	}

}
