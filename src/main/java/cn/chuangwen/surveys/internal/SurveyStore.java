package cn.chuangwen.surveys.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.surveys.QuestionKind;
import cn.chuangwen.surveys.SurveyView;

/** SQL of surveys: questionnaires, links, responses and the aggregates behind the results. */
@Repository
public class SurveyStore {

	static final String SELECT = """
			select s.id, s.city_id, c.code as city_code, c.name as city_name, s.name, s.round_code, s.state,
			    s.created_by, s.created_at, s.closed_at
			from survey s join city c on c.id = s.city_id
			""";

	/** A survey row without its questions and links. */
	public record Row(long id, long cityId, String cityCode, String cityName, String name, String round,
			SurveyView.State state, String createdBy, Instant createdAt, Instant closedAt) {
	}

	/** What a public link leads to. */
	public record Target(long linkId, long surveyId, long cityId, String cityName, long unitId, String unitName,
			String surveyName, SurveyView.State state) {
	}

	/** An answer row to insert: the option, the rating or the text. */
	public record NewAnswer(long questionId, Long optionId, Integer rating, String text) {
	}

	/** Responses and their mean score per unit (units of the survey in scope, none left out). */
	public record UnitTally(long unitId, String unitName, long responses, BigDecimal meanScore, long scored) {
	}

	public record Count(long questionId, long key, long count) {
	}

	public record Text(long questionId, String text, Instant at) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	public SurveyStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	// --- writing a survey

	public long insertSurvey(long cityId, String name, String round, LocalDate start, LocalDate end, String by,
			Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into survey (city_id, name, round_code, round_start, round_end, state, created_by, created_at)
				values (:c, :n, :r, :rs, :re, 'OPEN', :by, :at)""")
			.param("c", cityId)
			.param("n", name)
			.param("r", round)
			.param("rs", start)
			.param("re", end)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public long insertQuestion(long surveyId, int position, QuestionKind kind, boolean required, String labelZh,
			String labelEn) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into survey_question (survey_id, position, kind, required, label_zh, label_en)
				values (:s, :p, :k, :r, :zh, :en)""")
			.param("s", surveyId)
			.param("p", position)
			.param("k", kind.name())
			.param("r", required)
			.param("zh", labelZh)
			.param("en", labelEn)
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void insertOption(long questionId, int position, String labelZh, String labelEn, BigDecimal score) {
		jdbc.sql("""
				insert into survey_option (question_id, position, label_zh, label_en, score)
				values (:q, :p, :zh, :en, :score)""")
			.param("q", questionId)
			.param("p", position)
			.param("zh", labelZh)
			.param("en", labelEn)
			.param("score", score)
			.update();
	}

	public void insertLink(long surveyId, long cityId, long unitId, String token) {
		jdbc.sql("insert into survey_link (survey_id, city_id, unit_id, token) values (:s, :c, :u, :t)")
			.param("s", surveyId)
			.param("c", cityId)
			.param("u", unitId)
			.param("t", token)
			.update();
	}

	public int close(long id, String by, Instant at) {
		return jdbc.sql("""
				update survey set state = 'CLOSED', closed_by = :by, closed_at = :at, version = version + 1
				where id = :id and state = 'OPEN'""")
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	/** The active window units of a city among {@code ids} (all of them when {@code ids} is null), by name. */
	public List<Unit> windowUnits(long cityId, Collection<Long> ids) {
		var spec = jdbc.sql("select id, name from unit where city_id = :c and kind = 'WINDOW' and active = true"
				+ (ids == null ? "" : " and id in (:ids)") + " order by name, id")
			.param("c", cityId);
		if (ids != null) {
			spec = spec.param("ids", ids);
		}
		return spec.query((rs, n) -> new Unit(rs.getLong("id"), rs.getString("name"))).list();
	}

	public record Unit(long id, String name) {
	}

	// --- reading surveys

	public List<Row> page(ScopeSql scope, PageRequest page) {
		return scope.bind(jdbc.sql(SELECT + " where " + scope.city("s.city_id")
				+ " order by s.created_at desc, s.id desc limit :limit offset :offset"))
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(SurveyStore::row)
			.list();
	}

	public long count(ScopeSql scope) {
		return scope.bind(jdbc.sql("select count(*) from survey s where " + scope.city("s.city_id")))
			.query(Long.class)
			.single();
	}

	public Optional<Row> find(ScopeSql scope, long id) {
		return scope.bind(jdbc.sql(SELECT + " where s.id = :id and " + scope.city("s.city_id")))
			.param("id", id)
			.query(SurveyStore::row)
			.optional();
	}

	/** The questionnaire of a survey, in order, with the options of each question. */
	public List<SurveyView.Question> questions(long surveyId) {
		Map<Long, List<SurveyView.Option>> options = new LinkedHashMap<>();
		jdbc.sql("""
				select o.id, o.question_id, o.position, o.label_zh, o.label_en, o.score
				from survey_option o join survey_question q on q.id = o.question_id
				where q.survey_id = :s order by o.question_id, o.position""")
			.param("s", surveyId)
			.query((ResultSet rs) -> {
				options.computeIfAbsent(rs.getLong("question_id"), k -> new ArrayList<>())
					.add(new SurveyView.Option(rs.getLong("id"), rs.getInt("position"), rs.getString("label_zh"),
							rs.getString("label_en"), rs.getBigDecimal("score")));
			});
		return jdbc.sql("""
				select id, position, kind, required, label_zh, label_en from survey_question
				where survey_id = :s order by position""")
			.param("s", surveyId)
			.query((rs, n) -> new SurveyView.Question(rs.getLong("id"), rs.getInt("position"),
					QuestionKind.valueOf(rs.getString("kind")), rs.getBoolean("required"), rs.getString("label_zh"),
					rs.getString("label_en"), List.copyOf(options.getOrDefault(rs.getLong("id"), List.of()))))
			.list();
	}

	/** The links of a survey whose units are in scope, by unit name. */
	public List<SurveyView.Link> links(ScopeSql scope, long surveyId) {
		return scope.bind(jdbc.sql("""
				select l.unit_id, u.name, l.token from survey_link l join unit u on u.id = l.unit_id
				where l.survey_id = :s and """ + scope.cityAndUnit("l.city_id", "u.path") + " order by u.name, l.unit_id"))
			.param("s", surveyId)
			.query((rs, n) -> new SurveyView.Link(rs.getLong("unit_id"), rs.getString("name"), rs.getString("token")))
			.list();
	}

	// --- answering

	public Optional<Target> target(String token) {
		return jdbc.sql("""
				select l.id, l.survey_id, l.city_id, c.name as city_name, l.unit_id, u.name as unit_name,
				    s.name as survey_name, s.state
				from survey_link l join survey s on s.id = l.survey_id join unit u on u.id = l.unit_id
				    join city c on c.id = l.city_id
				where l.token = :t""")
			.param("t", token)
			.query((rs, n) -> new Target(rs.getLong("id"), rs.getLong("survey_id"), rs.getLong("city_id"),
					rs.getString("city_name"), rs.getLong("unit_id"), rs.getString("unit_name"),
					rs.getString("survey_name"), SurveyView.State.valueOf(rs.getString("state"))))
			.optional();
	}

	public boolean answered(long surveyId, long unitId, String deviceHash) {
		return jdbc.sql("select count(*) from survey_response where survey_id = :s and unit_id = :u and device_hash = :d")
			.param("s", surveyId)
			.param("u", unitId)
			.param("d", deviceHash)
			.query(Integer.class)
			.single() > 0;
	}

	/** Locks the survey row until the transaction ends: a close and an answer do not cross. */
	public Optional<SurveyView.State> lockState(long surveyId) {
		return jdbc.sql("select state from survey where id = :id for update")
			.param("id", surveyId)
			.query(String.class)
			.optional()
			.map(SurveyView.State::valueOf);
	}

	public long insertResponse(long surveyId, long cityId, long unitId, String deviceHash, BigDecimal score,
			Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into survey_response (survey_id, city_id, unit_id, device_hash, score, created_at)
				values (:s, :c, :u, :d, :score, :at)""")
			.param("s", surveyId)
			.param("c", cityId)
			.param("u", unitId)
			.param("d", deviceHash)
			.param("score", score)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void insertAnswers(long responseId, long surveyId, long unitId, List<NewAnswer> answers) {
		template.batchUpdate("""
				insert into survey_answer (response_id, survey_id, unit_id, question_id, option_id, rating, text)
				values (?, ?, ?, ?, ?, ?, ?)""", answers, answers.size(), (ps, a) -> {
			ps.setLong(1, responseId);
			ps.setLong(2, surveyId);
			ps.setLong(3, unitId);
			ps.setLong(4, a.questionId());
			ps.setObject(5, a.optionId());
			ps.setObject(6, a.rating());
			ps.setString(7, a.text());
		});
	}

	public long responses(long surveyId) {
		return jdbc.sql("select count(*) from survey_response where survey_id = :s")
			.param("s", surveyId)
			.query(Long.class)
			.single();
	}

	// --- results

	/** Per unit of the survey in scope: responses, responses with a score, and their mean score. */
	public List<UnitTally> tallies(ScopeSql scope, long surveyId) {
		return scope.bind(jdbc.sql("""
				select l.unit_id, u.name, count(r.id) as responses, count(r.score) as scored, avg(r.score) as mean
				from survey_link l join unit u on u.id = l.unit_id
				    left join survey_response r on r.survey_id = l.survey_id and r.unit_id = l.unit_id
				where l.survey_id = :s and """ + scope.cityAndUnit("l.city_id", "u.path") + """
				 group by l.unit_id, u.name order by u.name, l.unit_id"""))
			.param("s", surveyId)
			.query((rs, n) -> new UnitTally(rs.getLong("unit_id"), rs.getString("name"), rs.getLong("responses"),
					rs.getBigDecimal("mean"), rs.getLong("scored")))
			.list();
	}

	/** Chosen options per question (key: option id), over the units in scope, or one unit. */
	public List<Count> optionCounts(ScopeSql scope, long surveyId, Long unitId) {
		return counts(scope, surveyId, unitId, "a.option_id", "a.option_id is not null");
	}

	/** Ratings per question (key: the rating 1 to 5). */
	public List<Count> ratingCounts(ScopeSql scope, long surveyId, Long unitId) {
		return counts(scope, surveyId, unitId, "a.rating", "a.rating is not null");
	}

	/** Responses that answered each question (key: 0). */
	public List<Count> answeredCounts(ScopeSql scope, long surveyId, Long unitId) {
		return counts(scope, surveyId, unitId, "0", "1 = 1", "count(distinct a.response_id)");
	}

	private List<Count> counts(ScopeSql scope, long surveyId, Long unitId, String key, String where) {
		return counts(scope, surveyId, unitId, key, where, "count(*)");
	}

	private List<Count> counts(ScopeSql scope, long surveyId, Long unitId, String key, String where, String count) {
		var spec = scope.bind(jdbc.sql("select a.question_id, " + key + " as k, " + count + " as n"
				+ " from survey_answer a join unit u on u.id = a.unit_id where a.survey_id = :s and " + where
				+ (unitId == null ? "" : " and a.unit_id = :u") + " and " + scope.unit("u.path")
				+ " and " + scope.city("u.city_id") + " group by a.question_id" + (key.equals("0") ? "" : ", " + key)))
			.param("s", surveyId);
		if (unitId != null) {
			spec = spec.param("u", unitId);
		}
		return spec.query((rs, n) -> new Count(rs.getLong("question_id"), rs.getLong("k"), rs.getLong("n"))).list();
	}

	/** The newest text answers of a question, at most {@code limit}. */
	public List<Text> texts(ScopeSql scope, long surveyId, long questionId, Long unitId, int limit) {
		var spec = scope.bind(jdbc.sql("""
				select a.question_id, a.text, r.created_at from survey_answer a
				    join survey_response r on r.id = a.response_id join unit u on u.id = a.unit_id
				where a.survey_id = :s and a.question_id = :q and a.text is not null"""
				+ (unitId == null ? "" : " and a.unit_id = :u") + " and " + scope.unit("u.path") + " and "
				+ scope.city("u.city_id") + " order by a.id desc limit :limit"))
			.param("s", surveyId)
			.param("q", questionId)
			.param("limit", limit);
		if (unitId != null) {
			spec = spec.param("u", unitId);
		}
		return spec.query((rs, n) -> new Text(rs.getLong("question_id"), rs.getString("text"),
				rs.getTimestamp("created_at").toInstant())).list();
	}

	// --- satisfaction across surveys (for other modules)

	/** Per window unit linked in the city's surveys of a round: responses and mean response score. */
	public List<UnitTally> roundTallies(long cityId, String round) {
		return jdbc.sql("""
				select l.unit_id, u.name, count(r.id) as responses, count(r.score) as scored, avg(r.score) as mean
				from survey s join survey_link l on l.survey_id = s.id join unit u on u.id = l.unit_id
				    left join survey_response r on r.survey_id = l.survey_id and r.unit_id = l.unit_id
				where s.city_id = :c and s.round_code = :r
				group by l.unit_id, u.name order by u.name, l.unit_id""")
			.param("c", cityId)
			.param("r", round)
			.query((rs, n) -> new UnitTally(rs.getLong("unit_id"), rs.getString("name"), rs.getLong("responses"),
					rs.getBigDecimal("mean"), rs.getLong("scored")))
			.list();
	}

	/** The distinct rounds of the city's surveys whose round starts in [from, to), oldest first. */
	public List<String> rounds(long cityId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				select distinct round_code, round_start from survey
				where city_id = :c and round_start >= :f and round_start < :t order by round_start, round_code""")
			.param("c", cityId)
			.param("f", from)
			.param("t", to)
			.query((rs, n) -> rs.getString("round_code"))
			.list();
	}

	// --- the city's setting

	public Optional<Integer> minResponses(long cityId) {
		return jdbc.sql("select min_responses from survey_setting where city_id = :c")
			.param("c", cityId)
			.query(Integer.class)
			.optional();
	}

	public void setMinResponses(long cityId, int min) {
		int updated = jdbc.sql("update survey_setting set min_responses = :m, version = version + 1 where city_id = :c")
			.param("m", min)
			.param("c", cityId)
			.update();
		if (updated == 0) {
			jdbc.sql("insert into survey_setting (city_id, min_responses) values (:c, :m)")
				.param("c", cityId)
				.param("m", min)
				.update();
		}
	}

	static Row row(ResultSet rs, int n) throws SQLException {
		Timestamp closed = rs.getTimestamp("closed_at");
		return new Row(rs.getLong("id"), rs.getLong("city_id"), rs.getString("city_code"), rs.getString("city_name"),
				rs.getString("name"), rs.getString("round_code"), SurveyView.State.valueOf(rs.getString("state")),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
				closed == null ? null : closed.toInstant());
	}

}
