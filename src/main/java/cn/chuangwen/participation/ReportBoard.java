package cn.chuangwen.participation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.participation.internal.ReportBoardStore;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * The public list and map of a city's citizen reports (issue 11 §1): what was reported, where,
 * when, how it stands, how many said "me too", and how long the office took to answer. No
 * personal data: the name and phone a reporter left are never read here.
 */
@Service
public class ReportBoard {

	/** The map shows at most this many reports, as the problems map: a filter narrows a bigger list. */
	public static final int MAX_ON_MAP = Problems.MAX_ON_MAP;

	/** Filters as the public list's address carries them, each null when not set; dates are Beijing days. */
	public record Filter(Long categoryId, ReportState state, Long townId, LocalDate from, LocalDate to) {

		public static Filter none() {
			return new Filter(null, null, null, null, null);
		}

	}

	/** A report as the public list shows it. {@code responseTime} null while the office has not answered. */
	public record Entry(String code, String category, ReportState state, String address, BigDecimal lat,
			BigDecimal lng, String town, int supporters, Instant createdAt, Instant answeredAt) {

		public Duration responseTime() {
			return answeredAt == null ? null : Duration.between(createdAt, answeredAt);
		}

		public boolean located() {
			return lat != null && lng != null;
		}

	}

	public record Town(long id, String name) {
	}

	private final ReportBoardStore store;

	private final Units units;

	public ReportBoard(ReportBoardStore store, Units units) {
		this.store = store;
		this.units = units;
	}

	@Transactional(readOnly = true)
	public Page<Entry> page(long cityId, Filter filter, PageRequest page) {
		ReportBoardStore.Filter f = sql(filter);
		return Page.read(page, () -> store.page(cityId, f, page), () -> store.count(cityId, f)).map(ReportBoard::entry);
	}

	/** The newest located reports of the filtered list, at most {@value #MAX_ON_MAP}. */
	@Transactional(readOnly = true)
	public List<Entry> located(long cityId, Filter filter) {
		return store.located(cityId, sql(filter), MAX_ON_MAP).stream().map(ReportBoard::entry).toList();
	}

	/** The city's towns (and districts, subdistricts), to filter by. */
	@Transactional(readOnly = true)
	public List<Town> towns(long cityId) {
		return units
			.choices(new DataScope(DataScope.Kind.CITY, cityId, null, null),
					EnumSet.of(UnitKind.DISTRICT, UnitKind.TOWN, UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT), true, null, null,
					new PageRequest(1, PageRequest.MAX_SIZE))
			.items()
			.stream()
			.map((UnitView u) -> new Town(u.id(), u.name()))
			.toList();
	}

	private static ReportBoardStore.Filter sql(Filter f) {
		return new ReportBoardStore.Filter(f.categoryId(), f.state(), f.townId(),
				f.from() == null ? null : f.from().atStartOfDay(Problems.ZONE).toInstant(),
				f.to() == null ? null : f.to().plusDays(1).atStartOfDay(Problems.ZONE).toInstant());
	}

	private static Entry entry(ReportBoardStore.Row r) {
		return new Entry(r.code(), r.category(), r.state(), r.address(), r.lat(), r.lng(), r.town(), r.supporters(),
				r.createdAt(), r.answeredAt());
	}

}
