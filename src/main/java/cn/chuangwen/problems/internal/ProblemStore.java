package cn.chuangwen.problems.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.files.StoredFile;
import cn.chuangwen.problems.ProblemFilter;
import cn.chuangwen.problems.ProblemRules;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.ProblemState;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/** SQL for problems, their photos, rectifications and instructions. Reads take a {@link ProblemScope}. */
@Repository
public class ProblemStore {

	/** A problem row with everything the module needs; views are made from it by the facade. */
	public record Row(long id, long cityId, String code, ProblemSource source, long categoryId, String category,
			String title, String description, ProblemSeverity severity, String address, BigDecimal lat,
			BigDecimal lng, long unitId, String unitName, String unitPath, ProblemState state, Instant deadline,
			String originType, Long originId, Long recurrenceOf, String foundBy, String verifier, int rejections,
			String disputeReason, Instant createdAt, Instant dispatchedAt, Instant closedAt, int version) {
	}

	public record Category(long id, String name, Long indicatorId) {
	}

	public record NewProblem(long cityId, String code, ProblemSource source, long categoryId, String title,
			String description, ProblemSeverity severity, String address, GeoPoint place, long unitId,
			ProblemState state, Instant deadline, String originType, Long originId, Long recurrenceOf, String foundBy,
			String verifier, Instant createdAt) {
	}

	public record PhotoRow(long id, long problemId, Long rectificationId, String stage, long fileId, String sha256,
			String name, Instant capturedAt, BigDecimal lat, BigDecimal lng, String createdBy, Instant createdAt) {
	}

	public record RectificationRow(long id, long problemId, long unitId, String unitName, String text,
			String submittedBy, Instant submittedAt, String decision, String decidedBy, Instant decidedAt,
			String reason) {
	}

	public record InstructionRow(long id, long problemId, long leaderUserId, String leaderName, String text,
			Instant createdAt) {
	}

	/** An earlier photo with the same content: which problem it belongs to. */
	public record PhotoUse(long photoId, String sha256, long problemId, String problemCode) {
	}

	static final String FROM = " from problem p join unit pu on pu.id = p.unit_id"
			+ " join problem_category pc0 on pc0.id = p.category_id ";

	private static final String COLUMNS = """
			       p.id, p.city_id, p.code, p.source, p.category_id, pc0.name as category, p.title, p.description,
			       p.severity, p.address, p.lat, p.lng, p.unit_id, pu.name as unit_name, pu.path as unit_path,
			       p.state, p.deadline, p.origin_type, p.origin_id, p.recurrence_of, p.found_by, p.verifier,
			       p.rejections, p.dispute_reason, p.created_at, p.dispatched_at, p.closed_at, p.version
			""";

	private static final String SELECT = "select " + COLUMNS + FROM;

	private final JdbcClient jdbc;

	public ProblemStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// --- city rules and categories

	public Optional<ProblemRules> rules(long cityId) {
		return jdbc.sql("""
				select code_prefix, general_hours, serious_hours, critical_hours, recurrence_metres, recurrence_days,
				       mismatch_metres, escalate_days, letter_days, green_rate, red_rate, version
				from problem_rule where city_id = :c""")
			.param("c", cityId)
			.query((rs, n) -> new ProblemRules(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
					rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12)))
			.optional();
	}

	public void insertRules(long cityId, ProblemRules r) {
		rules(r, jdbc.sql("""
				insert into problem_rule (city_id, code_prefix, general_hours, serious_hours, critical_hours,
				    recurrence_metres, recurrence_days, mismatch_metres, escalate_days, letter_days, green_rate, red_rate,
				    version)
				values (:c, :p, :g, :s, :cr, :rm, :rd, :mm, :ed, :ld, :gr, :rr, :v)""")
			.param("c", cityId)
			.param("v", r.version())).update();
	}

	/** Changes a city's rules if they are still at {@code version}: false when someone changed them first. */
	public boolean updateRules(long cityId, int version, ProblemRules r) {
		return rules(r, jdbc.sql("""
				update problem_rule set code_prefix = :p, general_hours = :g, serious_hours = :s, critical_hours = :cr,
				    recurrence_metres = :rm, recurrence_days = :rd, mismatch_metres = :mm, escalate_days = :ed,
				    letter_days = :ld, green_rate = :gr, red_rate = :rr, version = version + 1
				where city_id = :c and version = :v""")
			.param("c", cityId)
			.param("v", version)).update() == 1;
	}

	/** The rules' values bound to a statement's names (:p, :g, :s, :cr, :rm, :rd, :mm, :ed, :ld, :gr, :rr). */
	private static JdbcClient.StatementSpec rules(ProblemRules r, JdbcClient.StatementSpec spec) {
		return spec.param("p", r.codePrefix())
			.param("g", r.generalHours())
			.param("s", r.seriousHours())
			.param("cr", r.criticalHours())
			.param("rm", r.recurrenceMetres())
			.param("rd", r.recurrenceDays())
			.param("mm", r.mismatchMetres())
			.param("ed", r.escalateDays())
			.param("ld", r.letterDays())
			.param("gr", r.greenRate())
			.param("rr", r.redRate());
	}

	/** A category as the settings show it: active or not, and whether it is the city's own or a default. */
	public record CategoryRow(long id, String name, Long indicatorId, int position, boolean active, boolean own) {
	}

	/** Every category a city uses, active or not, in order: its own, or the defaults when it has none. */
	public List<CategoryRow> allCategories(long cityId) {
		List<CategoryRow> own = categoryRows("city_id = :c", cityId);
		return own.isEmpty() ? categoryRows("city_id is null", cityId) : own;
	}

	private List<CategoryRow> categoryRows(String condition, long cityId) {
		return jdbc.sql("select id, name, indicator_id, position, active, city_id from problem_category where "
				+ condition + " order by position, id")
			.param("c", cityId)
			.query((rs, n) -> new CategoryRow(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getInt(4),
					rs.getBoolean(5), rs.getObject(6) != null))
			.list();
	}

	/**
	 * Gives a city its own copy of the default categories (before its first change) and moves its
	 * problems from each default onto the copy of the same name; how many problems moved.
	 */
	public int copyDefaultCategories(long cityId) {
		jdbc.sql("""
				insert into problem_category (city_id, name, indicator_id, position, active)
				select :c, name, indicator_id, position, active from problem_category where city_id is null""")
			.param("c", cityId)
			.update();
		return jdbc.sql("""
				update problem set category_id = (
				    select own.id from problem_category own join problem_category d on d.name = own.name
				    where own.city_id = :c and d.id = problem.category_id)
				where city_id = :c and category_id in (select id from problem_category where city_id is null)""")
			.param("c", cityId)
			.update();
	}

	public long insertCategory(long cityId, String name, int position) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("insert into problem_category (city_id, name, position) values (:c, :n, :p)")
			.param("c", cityId)
			.param("n", name)
			.param("p", position)
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void updateCategory(long id, String name, boolean active) {
		jdbc.sql("update problem_category set name = :n, active = :a where id = :id")
			.param("id", id)
			.param("n", name)
			.param("a", active)
			.update();
	}

	/** The city's active categories in order, or the installation's defaults when it has none. */
	public List<Category> categories(long cityId) {
		return allCategories(cityId).stream()
			.filter(CategoryRow::active)
			.map(c -> new Category(c.id(), c.name(), c.indicatorId()))
			.toList();
	}

	/** The next number of the city's code sequence for the year; the row stays locked until commit. */
	public int nextSeq(long cityId, int year) {
		jdbc.sql("insert into problem_counter (city_id, code_year, last_seq) values (:c, :y, 0) on conflict do nothing")
			.param("c", cityId)
			.param("y", year)
			.update();
		jdbc.sql("update problem_counter set last_seq = last_seq + 1 where city_id = :c and code_year = :y")
			.param("c", cityId)
			.param("y", year)
			.update();
		return jdbc.sql("select last_seq from problem_counter where city_id = :c and code_year = :y")
			.param("c", cityId)
			.param("y", year)
			.query(Integer.class)
			.single();
	}

	// --- problems

	public long insert(NewProblem p) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into problem (city_id, code, source, category_id, title, description, severity, address, lat, lng,
				    unit_id, state, deadline, origin_type, origin_id, recurrence_of, found_by, verifier, created_at,
				    found_month, dispatched_at)
				values (:city, :code, :source, :category, :title, :description, :severity, :address, :lat, :lng,
				    :unit, :state, :deadline, :originType, :originId, :recurrenceOf, :foundBy, :verifier, :createdAt,
				    :foundMonth, :dispatchedAt)""")
			.param("city", p.cityId())
			.param("code", p.code())
			.param("source", p.source().name())
			.param("category", p.categoryId())
			.param("title", p.title())
			.param("description", p.description())
			.param("severity", p.severity().name())
			.param("address", p.address())
			.param("lat", p.place() == null ? null : p.place().latitude())
			.param("lng", p.place() == null ? null : p.place().longitude())
			.param("unit", p.unitId())
			.param("state", p.state().name())
			.param("deadline", utc(p.deadline()))
			.param("originType", p.originType())
			.param("originId", p.originId())
			.param("recurrenceOf", p.recurrenceOf())
			.param("foundBy", p.foundBy())
			.param("verifier", p.verifier())
			.param("createdAt", utc(p.createdAt()))
			.param("foundMonth", YearMonth.from(p.createdAt().atZone(Problems.ZONE)).toString())
			.param("dispatchedAt", p.state() == ProblemState.PENDING ? null : utc(p.createdAt()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void insertCooperators(long problemId, Collection<Long> unitIds) {
		for (Long unitId : unitIds) {
			jdbc.sql("insert into problem_cooperator (problem_id, unit_id) values (:p, :u)")
				.param("p", problemId)
				.param("u", unitId)
				.update();
		}
	}

	public List<Long> cooperators(long problemId) {
		return jdbc.sql("select unit_id from problem_cooperator where problem_id = :p order by unit_id")
			.param("p", problemId)
			.query(Long.class)
			.list();
	}

	/** The row whatever the caller may see: for checks that follow a scoped read. */
	/** Unit name, state and closing time of a city's problems, by id: what a public page may show of them. */
	public record StatusRow(long id, String unitName, ProblemState state, Instant closedAt) {
	}

	public List<StatusRow> publicStatus(long cityId, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select p.id, pu.name, p.state, p.closed_at from problem p join unit pu on pu.id = p.unit_id
				where p.city_id = :c and p.id in (:ids)""")
			.param("c", cityId)
			.param("ids", ids)
			.query((rs, n) -> new StatusRow(rs.getLong(1), rs.getString(2), ProblemState.valueOf(rs.getString(3)),
					rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
			.list();
	}

	/** The problems of one city among {@code ids} (links another module holds), unscoped beyond the city. */
	public List<Row> ofCity(long cityId, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + " where p.city_id = :c and p.id in (:ids) order by p.id")
			.param("c", cityId)
			.param("ids", ids)
			.query(ProblemStore::map)
			.list();
	}

	public Optional<Row> find(long id) {
		return jdbc.sql(SELECT + " where p.id = :id").param("id", id).query(ProblemStore::map).optional();
	}

	/** The row when the caller may see it. */
	public Optional<Row> find(ProblemScope scope, long id) {
		return scope.bind(jdbc.sql(SELECT + " where p.id = :id and " + scope.predicate()))
			.param("id", id)
			.query(ProblemStore::map)
			.optional();
	}

	/** The row with this code when the caller may see it. */
	public Optional<Row> findByCode(ProblemScope scope, String code) {
		return scope.bind(jdbc.sql(SELECT + " where p.code = :code and " + scope.predicate()))
			.param("code", code)
			.query(ProblemStore::map)
			.optional();
	}

	/** Which of {@code ids} the caller may see. */
	public List<Long> visible(ProblemScope scope, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return scope.bind(jdbc.sql("select p.id" + FROM + " where p.id in (:ids) and " + scope.predicate()))
			.param("ids", ids)
			.query(Long.class)
			.list();
	}

	/**
	 * One page of the problems the caller may see in one city (or every city in scope when
	 * {@code cityId} is null), newest first, read with LIMIT/OFFSET, and the total.
	 */
	public Page<Row> page(ProblemScope scope, Long cityId, ProblemFilter f, Instant now, PageRequest page) {
		// the page's ids first, on the problem table alone, then their rows with the joins: the database
		// never joins a whole city's problems to sort them
		return Page.read(page,
				() -> filtered("select " + COLUMNS + FROM + " join (select p.id as page_id from problem p", scope, cityId, f, now,
						" order by p.created_at desc, p.id desc limit :limit offset :offset) pg on pg.page_id = p.id"
								+ " order by p.created_at desc, p.id desc")
					.param("limit", page.size())
					.param("offset", page.offset())
					.query(ProblemStore::map)
					.list(),
				() -> filtered("select count(*) from problem p", scope, cityId, f, now, "").query(Long.class).single());
	}

	/** Every row of {@link #page}'s list in the same order, streamed to {@code each}: for exports. */
	public void each(ProblemScope scope, Long cityId, ProblemFilter f, Instant now, int max,
			java.util.function.Consumer<Row> each) {
		filtered(SELECT, scope, cityId, f, now, " order by p.created_at desc, p.id desc limit :limit")
			.param("limit", max)
			.query((org.springframework.jdbc.core.RowCallbackHandler) rs -> each.accept(map(rs, 0)));
	}

	/** The newest {@code max} problems of the list that have a place: for its map. */
	public List<Row> located(ProblemScope scope, Long cityId, ProblemFilter f, Instant now, int max) {
		return filtered(SELECT, scope, cityId, f, now,
				" and p.lat is not null and p.lng is not null order by p.created_at desc, p.id desc limit :limit")
			.param("limit", max)
			.query(ProblemStore::map)
			.list();
	}

	/** Per unit among {@code unitIds}, its own open problems in scope and how many of them are overdue. */
	public Map<Long, long[]> openByUnit(ProblemScope scope, java.util.Collection<Long> unitIds, Instant now) {
		Map<Long, long[]> counts = new java.util.HashMap<>();
		if (unitIds.isEmpty()) {
			return counts;
		}
		scope.bind(jdbc.sql("select p.unit_id, count(*), sum(case when p.deadline < :now then 1 else 0 end) from problem p"
				+ " where " + scope.predicate() + " and p.state <> 'CLOSED' and p.unit_id in (:units) group by p.unit_id"))
			.param("now", utc(now))
			.param("units", unitIds)
			.query((org.springframework.jdbc.core.RowCallbackHandler) rs -> counts.put(rs.getLong(1),
					new long[] { rs.getLong(2), rs.getLong(3) }));
		return counts;
	}

	private JdbcClient.StatementSpec filtered(String head, ProblemScope scope, Long cityId, ProblemFilter f,
			Instant now, String tail) {
		StringBuilder sql = new StringBuilder(head).append(" where ").append(scope.predicate());
		if (cityId != null) {
			sql.append(" and p.city_id = :city");
		}
		if (f.unitId() != null) {
			sql.append(" and p.unit_id = :unit");
		}
		if (f.state() != null) {
			sql.append(" and p.state = :state");
		}
		if (f.source() != null) {
			sql.append(" and p.source = :source");
		}
		List<Long> categoryIds = List.of();
		if (f.category() != null) {
			// a city's few categories by name first, so the list can use the (city, category, created) index
			categoryIds = jdbc.sql("select id from problem_category where name = :name")
				.param("name", f.category())
				.query(Long.class)
				.list();
			sql.append(categoryIds.isEmpty() ? " and 1 = 0" : " and p.category_id in (:categories)");
		}
		if (f.severity() != null) {
			sql.append(" and p.severity = :severity");
		}
		if (Boolean.TRUE.equals(f.overdue())) {
			// not "state in (the open states)": both databases then count the city's rows faster
			// than they walk five ranges of the (city, state, deadline) index
			sql.append(" and p.state <> 'CLOSED' and p.deadline < :now");
		}
		else if (Boolean.FALSE.equals(f.overdue())) {
			sql.append(" and (p.state = 'CLOSED' or p.deadline >= :now)");
		}
		if (f.attachedLeaderId() != null) {
			sql.append(" and p.unit_id in (select lu.id from unit lu join unit au on lu.path like concat(au.path, '%')")
				.append(" join leader_attachment la on la.unit_id = au.id where la.leader_user_id = :leader)");
		}
		if (f.text() != null) {
			// position, not like '%text%': nothing to escape, and a fifth faster on H2 (neither has an index for it)
			sql.append(" and (p.code = :code or position(:text in p.title) > 0)");
		}
		sql.append(tail);
		JdbcClient.StatementSpec spec = scope.bind(jdbc.sql(sql.toString()))
			.param("city", cityId)
			.param("unit", f.unitId())
			.param("state", f.state() == null ? null : f.state().name())
			.param("source", f.source() == null ? null : f.source().name())
			.param("categories", categoryIds.isEmpty() ? List.of(-1L) : categoryIds)
			.param("severity", f.severity() == null ? null : f.severity().name())
			.param("now", utc(now))
			.param("leader", f.attachedLeaderId());
		if (f.text() != null) {
			spec = spec.param("code", f.text().toUpperCase()).param("text", f.text());
		}
		return spec;
	}

	/**
	 * Moves a problem by one action: only from a state the action allows and at the version read,
	 * so of two people acting at once one wins and the other gets false. {@code columns} are further
	 * assignments of the same UPDATE ("signed_at = :at", bound by the caller's {@code binds}).
	 */
	public boolean move(long id, int version, ProblemState.Action action, String columns, Map<String, Object> binds) {
		String from = action.from().stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
		JdbcClient.StatementSpec spec = jdbc
			.sql("update problem set state = :to, version = version + 1" + (columns.isEmpty() ? "" : ", " + columns)
					+ " where id = :id and version = :version and state in (" + from + ")")
			.param("to", action.to().name())
			.param("id", id)
			.param("version", version);
		for (var e : binds.entrySet()) {
			spec = spec.param(e.getKey(), e.getValue() instanceof Instant i ? utc(i) : e.getValue());
		}
		return spec.update() == 1;
	}

	/** A change that is no state move (the deadline, the verifier), at the version read. */
	public boolean update(long id, int version, String columns, Map<String, Object> binds) {
		JdbcClient.StatementSpec spec = jdbc
			.sql("update problem set version = version + 1, " + columns + " where id = :id and version = :version")
			.param("id", id)
			.param("version", version);
		for (var e : binds.entrySet()) {
			spec = spec.param(e.getKey(), e.getValue() instanceof Instant i ? utc(i) : e.getValue());
		}
		return spec.update() == 1;
	}

	/**
	 * Problems of the category closed since {@code since} whose place lies in the box: the
	 * candidates for a recurrence, nearest checked in Java.
	 */
	public List<Row> closedNear(long cityId, long categoryId, GeoPoint.Box box, Instant since) {
		return jdbc.sql(SELECT + """
				 where p.city_id = :c and p.category_id = :cat and p.state = 'CLOSED' and p.closed_at >= :since
				   and p.lat between :minLat and :maxLat and p.lng between :minLng and :maxLng
				 order by p.closed_at desc, p.id desc""")
			.param("c", cityId)
			.param("cat", categoryId)
			.param("since", utc(since))
			.param("minLat", box.minLat())
			.param("maxLat", box.maxLat())
			.param("minLng", box.minLng())
			.param("maxLng", box.maxLng())
			.query(ProblemStore::map)
			.list();
	}

	/** The most recent problem of the category closed since {@code since} at the field point, if any. */
	public Optional<Long> closedAtPoint(long cityId, long categoryId, long fieldPointId, Instant since) {
		return jdbc.sql("""
				select p.id from problem p
				 where p.field_point_id = :fp and p.city_id = :c and p.category_id = :cat and p.state = 'CLOSED'
				   and p.closed_at >= :since
				 order by p.closed_at desc, p.id desc limit 1""")
			.param("fp", fieldPointId)
			.param("c", cityId)
			.param("cat", categoryId)
			.param("since", utc(since))
			.query(Long.class)
			.optional();
	}

	/** Names the field point a problem was found at (an inspection finding). */
	public void setFieldPoint(long problemId, long fieldPointId) {
		jdbc.sql("update problem set field_point_id = :fp where id = :id")
			.param("id", problemId)
			.param("fp", fieldPointId)
			.update();
	}

	// --- inspection findings

	/**
	 * Claims an inspection finding for this transaction and answers the problem it became, if it was
	 * made already. The claim row's key makes a second claimer wait until the first commits, so the
	 * listeners of one finding take turns; the row stays locked until commit.
	 */
	public Optional<Long> claimFinding(long inspectionId, long itemId) {
		jdbc.sql("""
				insert into problem_inspection_finding (inspection_id, item_id) values (:i, :item)
				on conflict do nothing""").param("i", inspectionId).param("item", itemId).update();
		return jdbc.sql("""
				select problem_id from problem_inspection_finding where inspection_id = :i and item_id = :item
				for update""")
			.param("i", inspectionId)
			.param("item", itemId)
			.query((rs, n) -> rs.getObject(1, Long.class))
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst();
	}

	public void setFindingProblem(long inspectionId, long itemId, long problemId) {
		jdbc.sql("update problem_inspection_finding set problem_id = :p where inspection_id = :i and item_id = :item")
			.param("i", inspectionId)
			.param("item", itemId)
			.param("p", problemId)
			.update();
	}

	/** Keeps a claimed finding's photos until its problem is made. */
	public void keepFindingPhotos(long inspectionId, long itemId, Collection<Long> fileIds) {
		for (Long fileId : fileIds) {
			jdbc.sql("""
					insert into problem_inspection_photo (inspection_id, item_id, file_id) values (:i, :item, :f)
					on conflict do nothing""")
				.param("i", inspectionId)
				.param("item", itemId)
				.param("f", fileId)
				.update();
		}
	}

	/** The photos kept for a finding, handed over (removed) to the problem being made. */
	public List<Long> takeFindingPhotos(long inspectionId, long itemId) {
		List<Long> kept = jdbc.sql("""
				select file_id from problem_inspection_photo where inspection_id = :i and item_id = :item
				order by file_id""").param("i", inspectionId).param("item", itemId).query(Long.class).list();
		jdbc.sql("delete from problem_inspection_photo where inspection_id = :i and item_id = :item")
			.param("i", inspectionId)
			.param("item", itemId)
			.update();
		return kept;
	}

	/** The stored files a problem's photos already show: a redelivered photo event adds none twice. */
	public Set<Long> photoFiles(long problemId) {
		return Set.copyOf(jdbc.sql("select file_id from problem_photo where problem_id = :p")
			.param("p", problemId)
			.query(Long.class)
			.list());
	}

	public Map<Long, String> codes(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("select id, code from problem where id in (:ids)")
			.param("ids", ids)
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	// --- photos

	/** A photo to keep: the stored file, and whether it shows the problem (BEFORE) or a rectification (AFTER). */
	public record NewPhoto(long problemId, long cityId, Long rectificationId, String stage, StoredFile file,
			String createdBy, Instant createdAt) {
	}

	public long insertPhoto(NewPhoto n) {
		StoredFile f = n.file();
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into problem_photo (problem_id, city_id, rectification_id, stage, file_id, sha256, name,
				    captured_at, lat, lng, created_by, created_at)
				values (:p, :c, :r, :stage, :f, :sha, :name, :cap, :lat, :lng, :by, :at)""")
			.param("p", n.problemId())
			.param("c", n.cityId())
			.param("r", n.rectificationId())
			.param("stage", n.stage())
			.param("f", f.id())
			.param("sha", f.sha256())
			.param("name", f.name())
			.param("cap", utc(f.capturedAt()))
			.param("lat", f.place() == null ? null : f.place().latitude())
			.param("lng", f.place() == null ? null : f.place().longitude())
			.param("by", n.createdBy())
			.param("at", utc(n.createdAt()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public List<PhotoRow> photos(long problemId) {
		return jdbc.sql("""
				select id, problem_id, rectification_id, stage, file_id, sha256, name, captured_at, lat, lng,
				       created_by, created_at
				from problem_photo where problem_id = :p order by id""")
			.param("p", problemId)
			.query((rs, n) -> new PhotoRow(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class), rs.getString(4),
					rs.getLong(5), rs.getString(6), rs.getString(7), instant(rs, 8), rs.getBigDecimal(9),
					rs.getBigDecimal(10), rs.getString(11), instant(rs, 12)))
			.list();
	}

	/** The earliest other photo of the city with each content: a later use is a duplicate. */
	public Map<String, PhotoUse> firstUses(long cityId, Collection<String> shas) {
		if (shas.isEmpty()) {
			return Map.of();
		}
		List<PhotoUse> uses = jdbc.sql("""
				select ph.id, ph.sha256, ph.problem_id, p.code from problem_photo ph join problem p on p.id = ph.problem_id
				where ph.city_id = :c and ph.sha256 in (:shas) order by ph.id""")
			.param("c", cityId)
			.param("shas", shas)
			.query((rs, n) -> new PhotoUse(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
			.list();
		return uses.stream().collect(Collectors.toMap(PhotoUse::sha256, u -> u, (a, b) -> a));
	}

	/** The photo of a problem, or empty when it belongs to another problem. */
	public Optional<PhotoRow> photo(long problemId, long photoId) {
		return photos(problemId).stream().filter(p -> p.id() == photoId).findFirst();
	}

	// --- rectifications

	public long insertRectification(long problemId, long cityId, long unitId, String text, String by, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into rectification (problem_id, city_id, unit_id, text, submitted_by, submitted_at)
				values (:p, :c, :u, :t, :by, :at)""")
			.param("p", problemId)
			.param("c", cityId)
			.param("u", unitId)
			.param("t", text)
			.param("by", by)
			.param("at", utc(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public List<RectificationRow> rectifications(long problemId) {
		return jdbc.sql("""
				select r.id, r.problem_id, r.unit_id, u.name, r.text, r.submitted_by, r.submitted_at, r.decision,
				       r.decided_by, r.decided_at, r.reason
				from rectification r join unit u on u.id = r.unit_id where r.problem_id = :p order by r.id desc""")
			.param("p", problemId)
			.query((rs, n) -> new RectificationRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
					rs.getString(5), rs.getString(6), instant(rs, 7), rs.getString(8), rs.getString(9), instant(rs, 10),
					rs.getString(11)))
			.list();
	}

	/** Records the verdict on the problem's open rectification. */
	public void decide(long problemId, String decision, String by, Instant at, String reason) {
		jdbc.sql("""
				update rectification set decision = :d, decided_by = :by, decided_at = :at, reason = :r
				where problem_id = :p and decision is null""")
			.param("d", decision)
			.param("by", by)
			.param("at", utc(at))
			.param("r", reason)
			.param("p", problemId)
			.update();
	}

	// --- instructions

	public long insertInstruction(long problemId, long cityId, long leaderUserId, String leaderName, String text,
			Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into problem_instruction (problem_id, city_id, leader_user_id, leader_name, text, created_at)
				values (:p, :c, :l, :n, :t, :at)""")
			.param("p", problemId)
			.param("c", cityId)
			.param("l", leaderUserId)
			.param("n", leaderName)
			.param("t", text)
			.param("at", utc(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public List<InstructionRow> instructions(long problemId) {
		return jdbc.sql("""
				select id, problem_id, leader_user_id, leader_name, text, created_at
				from problem_instruction where problem_id = :p order by id""")
			.param("p", problemId)
			.query(ProblemStore::instruction)
			.list();
	}

	/** The newest instructions on open problems the caller may see, with their problems' code and title, in one query. */
	public List<Problems.InstructionNote> recentInstructions(ProblemScope scope, int limit) {
		return scope.bind(jdbc.sql("""
				select p.id, p.code, p.title, i.leader_name, i.text, i.created_at
				from problem_instruction i join problem p on p.id = i.problem_id
				where p.state <> 'CLOSED' and """ + scope.predicate() + " order by i.created_at desc, i.id desc limit :limit"))
			.param("limit", limit)
			.query((rs, n) -> new Problems.InstructionNote(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), instant(rs, 6)))
			.list();
	}

	/** The problems of {@code ids} the caller may see, in the order of {@code ids}: one query for a notice's list. */
	public List<Row> findAll(ProblemScope scope, List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, Row> byId = new HashMap<>();
		scope.bind(jdbc.sql(SELECT + " where p.id in (:ids) and " + scope.predicate()))
			.param("ids", ids)
			.query(ProblemStore::map)
			.list()
			.forEach(r -> byId.put(r.id(), r));
		return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
	}

	/** Problems of every city waiting for their unit (dispatched or rectifying) due before {@code limit}. */
	public List<Row> waitingForUnitsDueBefore(Instant limit) {
		return jdbc.sql(SELECT + " where p.state in ('DISPATCHED', 'RECTIFYING') and p.deadline < :limit order by p.id")
			.param("limit", utc(limit))
			.query(ProblemStore::map)
			.list();
	}

	/** A count per key (a source, category, state, unit or month), with how many of them are overdue now. */
	public record Count(String key, String label, long count, long overdue) {
	}

	/**
	 * One cell of the period's counts: problems of one source, category, state and month; of them,
	 * how many are past their deadline now, were rectified by their deadline and are recurrences.
	 */
	public record Cell(String source, long categoryId, String category, String state, String month, long count,
			long pastDeadline, long rectifiedInTime, long recurrences) {
	}

	/**
	 * The problems of a city found in the months {@code [firstMonth, lastMonth]} (as {@code 2026-11}),
	 * counted per source, category, state and month in one pass over the problem table (a few
	 * thousand cells at most); the statistics add the cells up per dimension and into the totals.
	 * The months, not the creation time, select the rows: a period's statistics read most of a
	 * city's rows, and a scan is several times faster than reaching each row through an index.
	 */
	public List<Cell> cells(long cityId, String firstMonth, String lastMonth, Instant now) {
		Map<Long, String> names = new HashMap<>();
		jdbc.sql("select id, name from problem_category where city_id = :c or city_id is null")
			.param("c", cityId)
			.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2)))
			.list();
		return jdbc.sql("""
				select p.source, p.category_id, p.state, p.found_month, count(*),
				       sum(case when p.deadline < :now then 1 else 0 end),
				       sum(case when p.submitted_at <= p.deadline then 1 else 0 end),
				       count(p.recurrence_of)
				from problem p where p.city_id = :c and p.found_month between :first and :last
				group by p.source, p.category_id, p.state, p.found_month""")
			.param("c", cityId)
			.param("first", firstMonth)
			.param("last", lastMonth)
			.param("now", utc(now))
			.query((rs, n) -> new Cell(rs.getString(1), rs.getLong(2), names.getOrDefault(rs.getLong(2), ""),
					rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)))
			.list();
	}

	/** The {@code limit} units with the most problems found in the months, with their names. */
	public List<Count> countByUnit(long cityId, String firstMonth, String lastMonth, Instant now, int limit) {
		List<Count> counts = jdbc.sql("""
				select p.unit_id, count(*), sum(case when p.state <> 'CLOSED' and p.deadline < :now then 1 else 0 end)
				from problem p where p.city_id = :c and p.found_month between :first and :last
				group by p.unit_id order by 2 desc, 1 limit :limit""")
			.param("c", cityId)
			.param("first", firstMonth)
			.param("last", lastMonth)
			.param("now", utc(now))
			.param("limit", limit)
			.query((rs, n) -> new Count(rs.getString(1), null, rs.getLong(2), rs.getLong(3)))
			.list();
		if (counts.isEmpty()) {
			return counts;
		}
		Map<String, String> names = new HashMap<>();
		jdbc.sql("select id, name from unit where id in (:ids)")
			.param("ids", counts.stream().map(c -> Long.valueOf(c.key())).toList())
			.query((rs, n) -> names.put(rs.getString(1), rs.getString(2)))
			.list();
		return counts.stream().map(c -> new Count(c.key(), names.getOrDefault(c.key(), c.key()), c.count(), c.overdue()))
			.toList();
	}

	/**
	 * How many problems found in the months were closed after each number of hours, fewest hours
	 * first: the median's histogram, read from the (city, state, month, hours) index alone.
	 */
	public List<long[]> closeHours(long cityId, String firstMonth, String lastMonth) {
		return jdbc.sql("""
				select p.hours_to_close, count(*) from problem p
				where p.city_id = :c and p.state = 'CLOSED' and p.hours_to_close is not null
				  and p.found_month between :first and :last
				group by p.hours_to_close order by p.hours_to_close""")
			.param("c", cityId)
			.param("first", firstMonth)
			.param("last", lastMonth)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
	}

	/** One unit's figures of the red/yellow/green list. */
	public record ListFigures(long unitId, long problems, long due, long onTime, long rejections, long recurrences) {
	}

	/**
	 * The list's figures per unit over the problems found in {@code [from, to)} and dispatched:
	 * due = past its deadline at {@code asOf} or rectified; on time = rectified (submitted, and
	 * closed or waiting for verification) by its deadline. Counted in SQL over the city's rows.
	 */
	public List<ListFigures> listFigures(long cityId, Instant from, Instant to, Instant asOf, String rankingGroup) {
		return jdbc.sql("""
				select p.unit_id, count(*),
				       sum(case when p.deadline < :asOf or p.state in ('SUBMITTED', 'CLOSED') then 1 else 0 end),
				       sum(case when p.state in ('SUBMITTED', 'CLOSED') and p.submitted_at <= p.deadline then 1 else 0 end),
				       sum(p.rejections), sum(case when p.recurrence_of is not null then 1 else 0 end)
				from problem p join unit pu on pu.id = p.unit_id
				where p.city_id = :c and p.created_at >= :from and p.created_at < :to and p.state <> 'PENDING'
				""" + (rankingGroup == null ? "" : " and pu.ranking_group = :group") + " group by p.unit_id")
			.param("c", cityId)
			.param("from", utc(from))
			.param("to", utc(to))
			.param("asOf", utc(asOf))
			.param("group", rankingGroup)
			.query((rs, n) -> new ListFigures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6)))
			.list();
	}

	private static InstructionRow instruction(ResultSet rs, int n) throws SQLException {
		return new InstructionRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
				instant(rs, 6));
	}

	private static Row map(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getLong("city_id"), rs.getString("code"),
				ProblemSource.valueOf(rs.getString("source")), rs.getLong("category_id"), rs.getString("category"),
				rs.getString("title"), rs.getString("description"), ProblemSeverity.valueOf(rs.getString("severity")),
				rs.getString("address"), rs.getBigDecimal("lat"), rs.getBigDecimal("lng"), rs.getLong("unit_id"),
				rs.getString("unit_name"), rs.getString("unit_path"), ProblemState.valueOf(rs.getString("state")),
				instant(rs, "deadline"), rs.getString("origin_type"), rs.getObject("origin_id", Long.class),
				rs.getObject("recurrence_of", Long.class), rs.getString("found_by"), rs.getString("verifier"),
				rs.getInt("rejections"), rs.getString("dispute_reason"), instant(rs, "created_at"),
				instant(rs, "dispatched_at"), instant(rs, "closed_at"), rs.getInt("version"));
	}

	static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

}
