package cn.chuangwen.evaluation.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.evaluation.PeriodState;
import cn.chuangwen.evaluation.ScoreLine;
import cn.chuangwen.evaluation.ScoreSource;
import cn.chuangwen.evaluation.SchemeView;
import cn.chuangwen.evaluation.internal.rules.SchemeRules;
import cn.chuangwen.evaluation.internal.rules.SourceValue;
import cn.chuangwen.shared.PeriodCode;

/**
 * The evaluation's rows: schemes and their versions, closed periods with their snapshot lines, and
 * the manual items. Every read names the city.
 */
@Repository
public class EvaluationStore {

	/**
	 * A period's row: state and who closed it when; when it was last reopened (then only the office
	 * closes it); why its automatic closing was last held back (a message key and its arguments).
	 */
	public record PeriodRow(long id, long cityId, String code, PeriodState state, Instant closedAt, String closedBy,
			int version, String bulletinNumber, Instant publishedAt, Instant reopenedAt, String heldKey,
			List<String> heldArgs, Instant heldAt) {
	}

	/** A manual item (加分/扣分). */
	public record ManualItem(long id, long cityId, String periodCode, long unitId, BigDecimal points, String reason,
			Instant createdAt, String createdBy) {
	}

	/** A snapshot line to store: the period, the scheme and version it was computed by, the line. */
	public record Frozen(long periodId, long cityId, long schemeId, int schemeVersion, ScoreLine line) {
	}

	private static final String SCHEME = """
			select id, city_id, name, period_kind, ranking_group, sources, bands, min_sample, version, updated_at, updated_by
			from evaluation_scheme""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	EvaluationStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	// --- schemes

	public List<SchemeView> schemes(long cityId) {
		return jdbc.sql(SCHEME + " where city_id = :c order by period_kind, ranking_group, id")
			.param("c", cityId)
			.query(EvaluationStore::scheme)
			.list();
	}

	public List<SchemeView> schemes(long cityId, PeriodCode.Kind kind) {
		return jdbc.sql(SCHEME + " where city_id = :c and period_kind = :k order by ranking_group, id")
			.param("c", cityId)
			.param("k", kind.name())
			.query(EvaluationStore::scheme)
			.list();
	}

	public Optional<SchemeView> scheme(long cityId, long id) {
		return jdbc.sql(SCHEME + " where city_id = :c and id = :id")
			.param("c", cityId)
			.param("id", id)
			.query(EvaluationStore::scheme)
			.optional();
	}

	public Optional<SchemeView> scheme(long cityId, PeriodCode.Kind kind, String group) {
		return jdbc.sql(SCHEME + " where city_id = :c and period_kind = :k and ranking_group = :g")
			.param("c", cityId)
			.param("k", kind.name())
			.param("g", group)
			.query(EvaluationStore::scheme)
			.optional();
	}

	/** Inserts a new scheme (version 1) and its first version row; returns its id. */
	public long insertScheme(long cityId, SchemeRules.Checked s, Instant at, String by) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into evaluation_scheme (city_id, name, period_kind, ranking_group, sources, bands, min_sample,
				    version, updated_at, updated_by)
				values (:c, :n, :k, :g, :s, :b, :m, 1, :at, :by)""")
			.param("c", cityId)
			.param("n", s.name())
			.param("k", s.periodKind().name())
			.param("g", s.rankingGroup())
			.param("s", sources(s.sources()))
			.param("b", bands(s.bands()))
			.param("m", s.minSample())
			.param("at", utc(at))
			.param("by", by)
			.update(keys, "id");
		long id = keys.getKey().longValue();
		version(id, 1, s, at, by);
		return id;
	}

	/** Saves a new version of a scheme read at {@code version}; false when someone saved first. */
	public boolean updateScheme(long id, int version, SchemeRules.Checked s, Instant at, String by) {
		int n = jdbc.sql("""
				update evaluation_scheme set name = :n, period_kind = :k, ranking_group = :g, sources = :s, bands = :b,
				    min_sample = :m, version = version + 1, updated_at = :at, updated_by = :by
				where id = :id and version = :v""")
			.param("n", s.name())
			.param("k", s.periodKind().name())
			.param("g", s.rankingGroup())
			.param("s", sources(s.sources()))
			.param("b", bands(s.bands()))
			.param("m", s.minSample())
			.param("at", utc(at))
			.param("by", by)
			.param("id", id)
			.param("v", version)
			.update();
		if (n == 1) {
			version(id, version + 1, s, at, by);
		}
		return n == 1;
	}

	private void version(long id, int version, SchemeRules.Checked s, Instant at, String by) {
		jdbc.sql("""
				insert into evaluation_scheme_version (scheme_id, version, name, sources, bands, min_sample, saved_at, saved_by)
				values (:id, :v, :n, :s, :b, :m, :at, :by)""")
			.param("id", id)
			.param("v", version)
			.param("n", s.name())
			.param("s", sources(s.sources()))
			.param("b", bands(s.bands()))
			.param("m", s.minSample())
			.param("at", utc(at))
			.param("by", by)
			.update();
	}

	// --- periods

	public List<PeriodRow> periods(long cityId) {
		return jdbc.sql("""
				select id, city_id, code, state, closed_at, closed_by, version, bulletin_number, published_at,
				       reopened_at, held_key, held_args, held_at from evaluation_period
				where city_id = :c""")
			.param("c", cityId)
			.query(EvaluationStore::period)
			.list();
	}

	public Optional<PeriodRow> period(long cityId, String code) {
		return jdbc.sql("""
				select id, city_id, code, state, closed_at, closed_by, version, bulletin_number, published_at,
				       reopened_at, held_key, held_args, held_at from evaluation_period
				where city_id = :c and code = :code""")
			.param("c", cityId)
			.param("code", code)
			.query(EvaluationStore::period)
			.optional();
	}

	/** Locks a period's row for the closing or reopening transaction (creating it open first). */
	public PeriodRow lock(long cityId, PeriodCode code) {
		if (period(cityId, code.text()).isEmpty()) {
			try {
				jdbc.sql("insert into evaluation_period (city_id, code, kind, state) values (:c, :code, :k, 'OPEN')")
					.param("c", cityId)
					.param("code", code.text())
					.param("k", code.kind().name())
					.update();
			}
			catch (org.springframework.dao.DuplicateKeyException ex) {
				// another closing inserted it a moment earlier: lock that one
			}
		}
		return jdbc.sql("""
				select id, city_id, code, state, closed_at, closed_by, version, bulletin_number, published_at,
				       reopened_at, held_key, held_args, held_at from evaluation_period
				where city_id = :c and code = :code for update""")
			.param("c", cityId)
			.param("code", code.text())
			.query(EvaluationStore::period)
			.single();
	}

	/** Closes the period at {@code at} by {@code by} (clearing a hold), or reopens it at {@code at}. */
	public void setState(long periodId, PeriodState state, Instant at, String by) {
		jdbc.sql("""
				update evaluation_period set state = :s, closed_at = :at, closed_by = :by,
				    reopened_at = case when :s = 'OPEN' then :now else reopened_at end,
				    held_key = null, held_args = null, held_at = null, version = version + 1
				where id = :id""")
			.param("s", state.name())
			.param("at", state == PeriodState.OPEN ? null : utc(at))
			.param("by", state == PeriodState.OPEN ? null : by)
			.param("now", utc(at))
			.param("id", periodId)
			.update();
	}

	/** Notes why the automatic closing of an open period was held back. */
	public void hold(long periodId, String key, List<String> args, Instant at) {
		String joined = String.join("\n", args);
		jdbc.sql("update evaluation_period set held_key = :k, held_args = :a, held_at = :at where id = :id and state = 'OPEN'")
			.param("k", key)
			.param("a", joined.length() > 1000 ? joined.substring(0, 1000) : joined)
			.param("at", utc(at))
			.param("id", periodId)
			.update();
	}

	// --- the calendar: periods closed by the clock

	/** Per period kind, the days after a period's end it closes itself (kinds without a row: by hand). */
	public Map<PeriodCode.Kind, Integer> calendar(long cityId) {
		Map<PeriodCode.Kind, Integer> out = new EnumMap<>(PeriodCode.Kind.class);
		jdbc.sql("select period_kind, close_after_days from evaluation_calendar where city_id = :c")
			.param("c", cityId)
			.query((rs, n) -> out.put(PeriodCode.Kind.valueOf(rs.getString(1)), rs.getInt(2)))
			.list();
		return out;
	}

	/** Sets (days given) or clears (null) a kind's automatic closing. */
	public void setCalendar(long cityId, PeriodCode.Kind kind, Integer days, Instant at, String by) {
		jdbc.sql("delete from evaluation_calendar where city_id = :c and period_kind = :k")
			.param("c", cityId)
			.param("k", kind.name())
			.update();
		if (days != null) {
			jdbc.sql("""
					insert into evaluation_calendar (city_id, period_kind, close_after_days, updated_at, updated_by)
					values (:c, :k, :d, :at, :by)""")
				.param("c", cityId)
				.param("k", kind.name())
				.param("d", days)
				.param("at", utc(at))
				.param("by", by)
				.update();
		}
	}

	/** Marks a closed period published (its results public from now on). */
	public void publish(long periodId, Instant at, String by, String bulletinNumber) {
		jdbc.sql("""
				update evaluation_period set state = 'PUBLISHED', published_at = :at, published_by = :by,
				    bulletin_number = :n, version = version + 1
				where id = :id and state = 'CLOSED'""")
			.param("n", bulletinNumber)
			.param("at", utc(at))
			.param("by", by)
			.param("id", periodId)
			.update();
	}

	// --- snapshots

	public void freeze(List<Frozen> lines) {
		if (lines.isEmpty()) {
			return;
		}
		String sql = """
				insert into evaluation_score (period_id, unit_id, city_id, scheme_id, scheme_version, ranking_group,
				    unit_code, unit_name, total, parts, rank_no, band_name, band_min, band_colour, sample_too_small, sample)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
		template.batchUpdate(sql, lines, 500, (ps, f) -> {
			ScoreLine l = f.line();
			ps.setLong(1, f.periodId());
			ps.setLong(2, l.unitId());
			ps.setLong(3, f.cityId());
			ps.setLong(4, f.schemeId());
			ps.setInt(5, f.schemeVersion());
			ps.setString(6, l.rankingGroup());
			ps.setString(7, l.unitCode());
			ps.setString(8, l.unitName());
			ps.setBigDecimal(9, l.total());
			ps.setString(10, parts(l.parts(), l.samples()));
			ps.setObject(11, l.rank(), java.sql.Types.INTEGER);
			ps.setString(12, l.band() == null ? null : l.band().name());
			ps.setBigDecimal(13, l.band() == null ? null : l.band().min());
			ps.setString(14, l.band() == null ? null : l.band().colour());
			ps.setBoolean(15, l.sampleTooSmall());
			ps.setInt(16, l.sample());
		});
	}

	public void thaw(long periodId) {
		jdbc.sql("delete from evaluation_score where period_id = :p").param("p", periodId).update();
	}

	/** The frozen lines of a period, of one ranking group or all (null), ranked first, by group and rank. */
	public List<ScoreLine> frozen(long periodId, String group, Long unitId) {
		return jdbc.sql("""
				select unit_id, unit_code, unit_name, ranking_group, total, parts, rank_no, band_name, band_min, band_colour,
				       sample_too_small, sample
				from evaluation_score where period_id = :p""" + (group == null ? "" : " and ranking_group = :g")
				+ (unitId == null ? "" : " and unit_id = :u")
				+ " order by ranking_group, case when rank_no is null then 1 else 0 end, rank_no, unit_code")
			.param("p", periodId)
			.param("g", group)
			.param("u", unitId)
			.query((rs, n) -> new ScoreLine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getBigDecimal(5), values(rs.getString(6)), rs.getObject(7, Integer.class),
					rs.getString(8) == null ? null : new SchemeView.Band(rs.getString(8), rs.getBigDecimal(9), rs.getString(10)),
					rs.getBoolean(11), rs.getInt(12), samples(rs.getString(6))))
			.list();
	}

	/** The frozen source values of a period's units (value and sample per source), for a preview. */
	public Map<Long, Map<ScoreSource, SourceValue>> frozenValues(long periodId) {
		Map<Long, Map<ScoreSource, SourceValue>> out = new java.util.HashMap<>();
		jdbc.sql("select unit_id, parts from evaluation_score where period_id = :p")
			.param("p", periodId)
			.query((rs, n) -> {
				Map<ScoreSource, SourceValue> m = new EnumMap<>(ScoreSource.class);
				decode(rs.getString(2), (source, value, sample) -> {
					if (source != ScoreSource.MANUAL) {
						m.put(source, new SourceValue(value, sample == null ? 0 : sample));
					}
				});
				out.put(rs.getLong(1), m);
				return null;
			})
			.list();
		return out;
	}

	/** A frozen line of a year's closed or published period: the period and the line. */
	public record YearLine(String period, ScoreLine line) {
	}

	/** Every frozen line of the city's periods that start in {@code year}, by unit, then period. */
	public List<YearLine> frozenOfYear(long cityId, int year) {
		return jdbc.sql("""
				select p.code, s.unit_id, s.unit_code, s.unit_name, s.ranking_group, s.total, s.parts, s.rank_no, s.band_name,
				       s.band_min, s.band_colour, s.sample_too_small, s.sample
				from evaluation_score s join evaluation_period p on p.id = s.period_id
				where p.city_id = :c and p.code like :y and p.state <> 'OPEN'
				order by s.ranking_group, s.unit_code, p.code""")
			.param("c", cityId)
			.param("y", year + "%")
			.query((rs, n) -> new YearLine(rs.getString(1), new ScoreLine(rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getBigDecimal(6), values(rs.getString(7)), rs.getObject(8, Integer.class),
					rs.getString(9) == null ? null : new SchemeView.Band(rs.getString(9), rs.getBigDecimal(10), rs.getString(11)),
					rs.getBoolean(12), rs.getInt(13), samples(rs.getString(7)))))
			.list();
	}

	/** The ranking groups of a period's snapshot. */
	public List<String> frozenGroups(long periodId) {
		return jdbc.sql("select distinct ranking_group from evaluation_score where period_id = :p order by ranking_group")
			.param("p", periodId)
			.query(String.class)
			.list();
	}

	// --- manual items

	public long insertItem(ManualItem item) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into evaluation_manual_item (city_id, period_code, unit_id, points, reason, created_at, created_by)
				values (:c, :p, :u, :pts, :r, :at, :by)""")
			.param("c", item.cityId())
			.param("p", item.periodCode())
			.param("u", item.unitId())
			.param("pts", item.points())
			.param("r", item.reason())
			.param("at", utc(item.createdAt()))
			.param("by", item.createdBy())
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** The items of a period (null: of every period), newest first, at most {@code limit}. */
	public List<ManualItem> items(long cityId, String periodCode, int limit) {
		return jdbc.sql("""
				select id, city_id, period_code, unit_id, points, reason, created_at, created_by from evaluation_manual_item
				where city_id = :c""" + (periodCode == null ? "" : " and period_code = :p")
				+ " order by created_at desc, id desc limit :limit")
			.param("c", cityId)
			.param("p", periodCode)
			.param("limit", limit)
			.query((rs, n) -> new ManualItem(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
					rs.getBigDecimal(5), rs.getString(6), instant(rs, 7), rs.getString(8)))
			.list();
	}

	// --- encodings

	static String sources(List<SchemeView.Part> parts) {
		List<String> out = new ArrayList<>();
		for (SchemeView.Part p : parts) {
			out.add(p.source().name() + "|" + p.weight().stripTrailingZeros().toPlainString() + "|"
					+ (p.cap() == null ? "" : p.cap().stripTrailingZeros().toPlainString()));
		}
		return String.join(";", out);
	}

	static List<SchemeView.Part> sources(String text) {
		List<SchemeView.Part> out = new ArrayList<>();
		for (String s : text.split(";")) {
			if (s.isEmpty()) {
				continue;
			}
			String[] f = s.split("\\|", -1);
			out.add(new SchemeView.Part(ScoreSource.valueOf(f[0]), new BigDecimal(f[1]),
					f[2].isEmpty() ? null : new BigDecimal(f[2])));
		}
		return out;
	}

	static String bands(List<SchemeView.Band> bands) {
		List<String> out = new ArrayList<>();
		for (SchemeView.Band b : bands) {
			out.add(b.name() + "|" + b.min().stripTrailingZeros().toPlainString() + "|" + b.colour());
		}
		return String.join(";", out);
	}

	static List<SchemeView.Band> bands(String text) {
		List<SchemeView.Band> out = new ArrayList<>();
		for (String s : text.split(";")) {
			if (s.isEmpty()) {
				continue;
			}
			String[] f = s.split("\\|", -1);
			out.add(new SchemeView.Band(f[0], new BigDecimal(f[1]), f[2]));
		}
		return out;
	}

	/** "SOURCE|value|sample" joined by ";": value empty without one, sample empty for MANUAL. */
	static String parts(Map<ScoreSource, BigDecimal> parts, Map<ScoreSource, Integer> samples) {
		List<String> out = new ArrayList<>();
		for (ScoreSource s : ScoreSource.values()) {
			BigDecimal v = parts.get(s);
			Integer n = samples.get(s);
			if (v != null || n != null) {
				out.add(s.name() + "|" + (v == null ? "" : v.toPlainString()) + "|" + (n == null ? "" : n));
			}
		}
		return String.join(";", out);
	}

	interface PartSink {

		void accept(ScoreSource source, BigDecimal value, Integer sample);

	}

	static void decode(String text, PartSink sink) {
		for (String s : text.split(";")) {
			if (s.isEmpty()) {
				continue;
			}
			String[] f = s.split("\\|", -1);
			ScoreSource source = ScoreSource.named(f[0]);
			if (source != null) {
				sink.accept(source, f.length < 2 || f[1].isEmpty() ? null : new BigDecimal(f[1]),
						f.length < 3 || f[2].isEmpty() ? null : Integer.valueOf(f[2]));
			}
		}
	}

	static Map<ScoreSource, BigDecimal> values(String text) {
		Map<ScoreSource, BigDecimal> out = new EnumMap<>(ScoreSource.class);
		decode(text, (s, v, n) -> {
			if (v != null) {
				out.put(s, v);
			}
		});
		return out;
	}

	static Map<ScoreSource, Integer> samples(String text) {
		Map<ScoreSource, Integer> out = new EnumMap<>(ScoreSource.class);
		decode(text, (s, v, n) -> {
			if (n != null) {
				out.put(s, n);
			}
		});
		return out;
	}

	private static SchemeView scheme(ResultSet rs, int n) throws SQLException {
		return new SchemeView(rs.getLong(1), rs.getLong(2), rs.getString(3), PeriodCode.Kind.valueOf(rs.getString(4)),
				rs.getString(5), sources(rs.getString(6)), bands(rs.getString(7)), rs.getInt(8), rs.getInt(9),
				instant(rs, 10), rs.getString(11));
	}

	private static PeriodRow period(ResultSet rs, int n) throws SQLException {
		String args = rs.getString(12);
		return new PeriodRow(rs.getLong(1), rs.getLong(2), rs.getString(3), PeriodState.valueOf(rs.getString(4)),
				instant(rs, 5), rs.getString(6), rs.getInt(7), rs.getString(8), instant(rs, 9), instant(rs, 10),
				rs.getString(11), args == null ? List.of() : List.of(args.split("\n", -1)), instant(rs, 13));
	}

	static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

}
