package cn.chuangwen.inspections.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.inspections.FindingView;
import cn.chuangwen.inspections.InspectionDetail;
import cn.chuangwen.inspections.InspectionFilter;
import cn.chuangwen.inspections.InspectionView;
import cn.chuangwen.inspections.ItemOutcome;
import cn.chuangwen.inspections.PlanKind;
import cn.chuangwen.inspections.PlanState;
import cn.chuangwen.inspections.PointScore;
import cn.chuangwen.inspections.PointType;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * SQL for inspections, their item results and photos. Plan rows are only read here (the plans'
 * owner writes them): their state, kind and city, their points and their inspectors.
 */
@Repository
public class InspectionStore {

	/** A plan as a submission checks it. */
	public record PlanRow(long id, long cityId, PlanKind kind, PlanState state, String period, String name) {
	}

	/** A field point as a submission and the findings need it. */
	public record PointRow(long id, long cityId, String code, String name, PointType pointType, String address,
			BigDecimal lat, BigDecimal lng, long unitId, String unitName) {
	}

	public record NewInspection(long cityId, long planId, long fieldPointId, long unitId, PlanKind kind, String period,
			String clientId, long inspectorId, Instant checkedAt, Instant submittedAt, BigDecimal lat, BigDecimal lng,
			Integer distanceMetres, boolean far, BigDecimal score, BigDecimal deductionTotal, BigDecimal maxTotal) {
	}

	public record NewResult(long itemId, ItemOutcome outcome, int count, BigDecimal deduction, PointScore.Verdict verdict,
			String note) {
	}

	/** A stored result with its checklist item's words. */
	public record ResultRow(long itemId, String category, String item, Long indicatorId, ItemOutcome outcome, int count,
			BigDecimal deduction, PointScore.Verdict verdict, String note) {
	}

	public record PhotoRow(long id, long itemId, long originalFileId, long displayFileId, String name, String sha256,
			Instant createdAt, String createdBy) {
	}

	/**
	 * Who reads inspections: a whole-city reader (the office) sees its cities' inspections, those of
	 * unannounced rounds still open only with {@code secretToo} (the plans' office); everyone sees the
	 * inspections they made themselves.
	 */
	public record Reader(DataScope scope, boolean wholeCity, boolean secretToo, long userId) {
	}

	private static final String FROM = """
			 from inspection i
			 join inspection_plan pl on pl.id = i.plan_id
			 join field_point fp on fp.id = i.field_point_id
			 join unit u on u.id = i.unit_id
			 join app_user au on au.id = i.inspector_id
			""";

	private static final String COLUMNS = """
			select i.id, i.plan_id, i.field_point_id, i.unit_id, i.score, i.far, i.distance_m, i.checked_at, i.city_id,
			       i.kind, i.period, pl.name as plan_name, fp.code as point_code, fp.name as point_name,
			       u.name as unit_name, au.username, au.display_name, i.lat, i.lng, i.submitted_at,
			       i.findings_dispatched_at
			""";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	public InspectionStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	// --- plans (read only)

	public Optional<PlanRow> plan(long planId) {
		return jdbc.sql("select id, city_id, kind, state, period, name from inspection_plan where id = :id")
			.param("id", planId)
			.query((rs, n) -> new PlanRow(rs.getLong(1), rs.getLong(2), PlanKind.valueOf(rs.getString(3)),
					PlanState.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6)))
			.optional();
	}

	/**
	 * Locks the plan's row until commit and reads its state: a submission and the office closing the
	 * round take turns, so no inspection is stored into a round after its close let its findings go.
	 */
	public Optional<PlanState> lockPlan(long planId) {
		return jdbc.sql("select state from inspection_plan where id = :id for update")
			.param("id", planId)
			.query((rs, n) -> PlanState.valueOf(rs.getString(1)))
			.optional();
	}

	/** Locks the inspection's row until commit: photo uploads to one inspection take turns. */
	public void lockInspection(long inspectionId) {
		jdbc.sql("select id from inspection where id = :id for update").param("id", inspectionId).query(Long.class).optional();
	}

	public boolean isInspector(long planId, long userId) {
		return jdbc.sql("select count(*) from inspection_plan_inspector where plan_id = :p and user_id = :u")
			.param("p", planId)
			.param("u", userId)
			.query(Long.class)
			.single() > 0;
	}

	public boolean inPlan(long planId, long fieldPointId) {
		return jdbc.sql("select count(*) from inspection_plan_point where plan_id = :p and field_point_id = :f")
			.param("p", planId)
			.param("f", fieldPointId)
			.query(Long.class)
			.single() > 0;
	}

	public Optional<PointRow> point(long fieldPointId) {
		return jdbc.sql("""
				select fp.id, fp.city_id, fp.code, fp.name, fp.point_type, fp.address, fp.lat, fp.lng, fp.unit_id,
				       u.name as unit_name
				from field_point fp join unit u on u.id = fp.unit_id where fp.id = :id""")
			.param("id", fieldPointId)
			.query((rs, n) -> new PointRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					PointType.valueOf(rs.getString(5)), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
					rs.getLong(9), rs.getString(10)))
			.optional();
	}

	// --- inspections

	/** The inspection this inspector stored under this client id, if any. */
	public Optional<Long> byClient(long inspectorId, String clientId) {
		return jdbc.sql("select id from inspection where inspector_id = :u and client_id = :c")
			.param("u", inspectorId)
			.param("c", clientId)
			.query(Long.class)
			.optional();
	}

	public boolean pointInspected(long planId, long fieldPointId) {
		return jdbc.sql("select count(*) from inspection where plan_id = :p and field_point_id = :f")
			.param("p", planId)
			.param("f", fieldPointId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Inserts the inspection unless one with the same client id of the inspector, or of the same plan
	 * point, exists (committed, or committed meanwhile by a racing request): empty then, and the
	 * transaction stays usable to read which one it was.
	 */
	public Optional<Long> insert(NewInspection n) {
		var keys = new GeneratedKeyHolder();
		int rows = jdbc.sql("""
				insert into inspection (city_id, plan_id, field_point_id, unit_id, kind, period, client_id, inspector_id,
				    checked_at, submitted_at, lat, lng, distance_m, far, score, deduction_total, max_total)
				values (:city, :plan, :point, :unit, :kind, :period, :client, :inspector, :checkedAt, :submittedAt, :lat,
				    :lng, :distance, :far, :score, :deducted, :max)
				on conflict do nothing""")
			.param("city", n.cityId())
			.param("plan", n.planId())
			.param("point", n.fieldPointId())
			.param("unit", n.unitId())
			.param("kind", n.kind().name())
			.param("period", n.period())
			.param("client", n.clientId())
			.param("inspector", n.inspectorId())
			.param("checkedAt", utc(n.checkedAt()))
			.param("submittedAt", utc(n.submittedAt()))
			.param("lat", n.lat())
			.param("lng", n.lng())
			.param("distance", n.distanceMetres())
			.param("far", n.far())
			.param("score", n.score())
			.param("deducted", n.deductionTotal())
			.param("max", n.maxTotal())
			.update(keys, "id");
		return rows == 1 && keys.getKey() != null ? Optional.of(keys.getKey().longValue()) : Optional.empty();
	}

	/** Every item's result in one batch. */
	public void insertResults(long inspectionId, List<NewResult> results) {
		SqlParameterSource[] rows = new SqlParameterSource[results.size()];
		for (int i = 0; i < rows.length; i++) {
			NewResult r = results.get(i);
			rows[i] = new MapSqlParameterSource().addValue("i", inspectionId)
				.addValue("item", r.itemId())
				.addValue("outcome", r.outcome().name())
				.addValue("count", r.count())
				.addValue("deduction", r.deduction() == null ? BigDecimal.ZERO : r.deduction())
				.addValue("verdict", r.verdict() == null ? null : r.verdict().name())
				.addValue("note", r.note());
		}
		batch.batchUpdate("""
				insert into inspection_result (inspection_id, item_id, outcome, occurrences, deduction, verdict, note)
				values (:i, :item, :outcome, :count, :deduction, :verdict, :note)""", rows);
	}

	/** The inspection whatever the caller may see: for work after a scoped read or a check of its own. */
	public Optional<InspectionView> find(long id) {
		return jdbc.sql(COLUMNS + FROM + " where i.id = :id").param("id", id).query(this::view).optional()
			.map(v -> withFindings(List.of(v)).get(0));
	}

	/** The inspection when the reader may see it. */
	public Optional<InspectionView> find(Reader reader, long id) {
		ScopeSql sql = ScopeSql.of(reader.scope());
		return sql.bind(jdbc.sql(COLUMNS + FROM + " where i.id = :id and " + predicate(reader, sql)))
			.param("id", id)
			.param("me", reader.userId())
			.query(this::view)
			.optional()
			.map(v -> withFindings(List.of(v)).get(0));
	}

	/** One page of the inspections the reader sees, newest check first. */
	public Page<InspectionView> page(Reader reader, Long cityId, InspectionFilter filter, PageRequest page) {
		ScopeSql sql = ScopeSql.of(reader.scope());
		String where = where(reader, sql, cityId, filter);
		return Page.read(page, () -> withFindings(bind(sql.bind(jdbc.sql(COLUMNS + FROM + where
				+ " order by i.checked_at desc, i.id desc limit :limit offset :offset")), reader, cityId, filter)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(this::view)
			.list()),
				() -> bind(sql.bind(jdbc.sql("select count(*)" + FROM + where)), reader, cityId, filter).query(Long.class)
					.single());
	}

	private static String where(Reader reader, ScopeSql sql, Long cityId, InspectionFilter filter) {
		StringBuilder where = new StringBuilder(" where ").append(predicate(reader, sql));
		if (cityId != null) {
			where.append(" and i.city_id = :city");
		}
		if (filter.planId() != null) {
			where.append(" and i.plan_id = :plan");
		}
		if (filter.farOnly()) {
			where.append(" and i.far = true");
		}
		return where.toString();
	}

	/** The newest {@code max} inspections of the list, one at a time (for the export; no findings read). */
	public void each(Reader reader, Long cityId, InspectionFilter filter, int max,
			java.util.function.Consumer<InspectionView> each) {
		ScopeSql sql = ScopeSql.of(reader.scope());
		bind(sql.bind(jdbc.sql(COLUMNS + FROM + where(reader, sql, cityId, filter)
				+ " order by i.checked_at desc, i.id desc limit :limit")), reader, cityId, filter)
			.param("limit", max)
			.query((org.springframework.jdbc.core.RowCallbackHandler) rs -> each.accept(view(rs, 0)));
	}

	/** The plans the reader's inspections belong to, for the list's filter: id and name, newest first. */
	public List<Map.Entry<Long, String>> plans(Reader reader, Long cityId) {
		ScopeSql sql = ScopeSql.of(reader.scope());
		return bind(sql.bind(jdbc.sql("select distinct pl.id, pl.name" + FROM + " where " + predicate(reader, sql)
				+ (cityId == null ? "" : " and i.city_id = :city") + " order by pl.id desc limit 200")), reader,
				cityId, InspectionFilter.NONE)
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
			.list();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Reader reader, Long cityId,
			InspectionFilter filter) {
		spec = spec.param("me", reader.userId());
		if (cityId != null) {
			spec = spec.param("city", cityId);
		}
		if (filter.planId() != null) {
			spec = spec.param("plan", filter.planId());
		}
		return spec;
	}

	private static String predicate(Reader reader, ScopeSql sql) {
		if (!reader.wholeCity()) {
			return "i.inspector_id = :me";
		}
		String city = sql.city("i.city_id");
		String secret = reader.secretToo() ? "" : " and (pl.kind = 'ANNOUNCED' or pl.state = 'CLOSED')";
		return "((" + city + secret + ") or i.inspector_id = :me)";
	}

	/** Each inspection's findings, read in one query for the page. */
	private List<InspectionView> withFindings(List<InspectionView> views) {
		if (views.isEmpty()) {
			return views;
		}
		Map<Long, List<FindingView>> findings = jdbc.sql("""
				select r.inspection_id, r.item_id, r.deduction, r.verdict from inspection_result r
				join checklist_item ci on ci.id = r.item_id
				where r.inspection_id in (:ids) and r.outcome = 'DEDUCT'
				order by r.inspection_id, ci.sort_order, r.item_id""")
			.param("ids", views.stream().map(InspectionView::id).toList())
			.query((rs, n) -> Map.entry(rs.getLong(1), new FindingView(rs.getLong(2), rs.getBigDecimal(3),
					PointScore.Verdict.valueOf(rs.getString(4)))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		List<InspectionView> out = new ArrayList<>();
		for (InspectionView v : views) {
			out.add(v.withFindings(findings.getOrDefault(v.id(), List.of())));
		}
		return out;
	}

	/** Every item's result, in checklist order, with the item's words. */
	public List<ResultRow> results(long inspectionId) {
		return jdbc.sql("""
				select r.item_id, ci.category, ci.item, ci.indicator_id, r.outcome, r.occurrences, r.deduction,
				       r.verdict, r.note
				from inspection_result r join checklist_item ci on ci.id = r.item_id
				where r.inspection_id = :i order by ci.sort_order, r.item_id""")
			.param("i", inspectionId)
			.query((rs, n) -> {
				ItemOutcome outcome = ItemOutcome.valueOf(rs.getString("outcome"));
				String verdict = rs.getString("verdict");
				return new ResultRow(rs.getLong("item_id"), rs.getString("category"), rs.getString("item"),
						rs.getObject("indicator_id", Long.class), outcome, rs.getInt("occurrences"),
						outcome == ItemOutcome.NA ? null : rs.getBigDecimal("deduction"),
						verdict == null ? null : PointScore.Verdict.valueOf(verdict), rs.getString("note"));
			})
			.list();
	}

	/** The outcome the inspection gave one item, if the item is on it. */
	public Optional<ItemOutcome> outcome(long inspectionId, long itemId) {
		return jdbc.sql("select outcome from inspection_result where inspection_id = :i and item_id = :item")
			.param("i", inspectionId)
			.param("item", itemId)
			.query((rs, n) -> ItemOutcome.valueOf(rs.getString(1)))
			.optional();
	}

	// --- photos

	public long insertPhoto(long inspectionId, long itemId, long originalFileId, long displayFileId, Instant at,
			String by) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into inspection_photo (inspection_id, item_id, original_file_id, display_file_id, created_at,
				    created_by)
				values (:i, :item, :o, :d, :at, :by)""")
			.param("i", inspectionId)
			.param("item", itemId)
			.param("o", originalFileId)
			.param("d", displayFileId)
			.param("at", utc(at))
			.param("by", by)
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public List<PhotoRow> photos(long inspectionId) {
		return jdbc.sql("""
				select ph.id, ph.item_id, ph.original_file_id, ph.display_file_id, f.name, f.sha256, ph.created_at,
				       ph.created_by
				from inspection_photo ph join stored_file f on f.id = ph.original_file_id
				where ph.inspection_id = :i order by ph.id""")
			.param("i", inspectionId)
			.query((rs, n) -> new PhotoRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
					rs.getString(6), instant(rs, "created_at"), rs.getString(8)))
			.list();
	}

	public Optional<PhotoRow> photo(long inspectionId, long photoId) {
		return photos(inspectionId).stream().filter(p -> p.id() == photoId).findFirst();
	}

	/** The display copies of each finding's photos, by item. */
	public Map<Long, List<Long>> displayFiles(long inspectionId) {
		return photos(inspectionId).stream()
			.collect(Collectors.groupingBy(PhotoRow::itemId,
					Collectors.mapping(PhotoRow::displayFileId, Collectors.toList())));
	}

	// --- release of findings

	/** The plan's inspections whose findings were not sent yet, oldest first. */
	public List<Long> unreleased(long planId) {
		return jdbc.sql("select id from inspection where plan_id = :p and findings_dispatched_at is null order by id")
			.param("p", planId)
			.query(Long.class)
			.list();
	}

	/** Marks the findings sent; false when another release got there first. */
	public boolean markReleased(long inspectionId, Instant at) {
		return jdbc.sql("update inspection set findings_dispatched_at = :at where id = :id and findings_dispatched_at is null")
			.param("id", inspectionId)
			.param("at", utc(at))
			.update() == 1;
	}

	public static InspectionDetail.Photo photoView(PhotoRow p) {
		return new InspectionDetail.Photo(p.id(), p.displayFileId(), p.originalFileId(), p.name(), p.sha256(),
				p.createdAt(), p.createdBy());
	}

	private InspectionView view(ResultSet rs, int n) throws SQLException {
		return new InspectionView(rs.getLong("id"), rs.getLong("plan_id"), rs.getLong("field_point_id"),
				rs.getLong("unit_id"), rs.getBigDecimal("score"), rs.getBoolean("far"),
				rs.getObject("distance_m", Integer.class), instant(rs, "checked_at"), List.of(),
				new InspectionView.Round(rs.getLong("city_id"), PlanKind.valueOf(rs.getString("kind")),
						rs.getString("period"), rs.getString("plan_name")),
				new InspectionView.Names(rs.getString("point_code"), rs.getString("point_name"),
						rs.getString("unit_name"), rs.getString("username"), rs.getString("display_name")),
				new InspectionView.Submission(rs.getBigDecimal("lat"), rs.getBigDecimal("lng"),
						instant(rs, "submitted_at"), instant(rs, "findings_dispatched_at")));
	}

	static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

}
