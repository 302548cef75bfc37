package cn.chuangwen.problems;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.audit.AuditTrail;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 8 §8: the demo problems cover the loop, and each one's state is where its traced history leads. */
@IntegrationTest
class ProblemDemoIntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail audit;

	@Test
	void everyDemoCityHasAboutTwoHundredProblemsOfEverySourceStateAndSeverity() {
		for (String city : List.of("xiantao", "tianmen", "qianjiang")) {
			String where = " from problem p join city c on c.id = p.city_id where c.code = :c and p.found_by like :demo";
			long total = jdbc.sql("select count(*)" + where).param("c", city).param("demo", city + ".%").query(Long.class).single();
			assertThat(total).as(city).isGreaterThanOrEqualTo(200);
			for (String column : List.of("source", "state", "severity")) {
				List<String> values = jdbc.sql("select distinct p." + column + where)
					.param("c", city)
					.param("demo", city + ".%")
					.query(String.class)
					.list();
				Class<? extends Enum<?>> type = switch (column) {
					case "source" -> ProblemSource.class;
					case "state" -> ProblemState.class;
					default -> ProblemSeverity.class;
				};
				assertThat(values).as(city + " " + column).hasSize(type.getEnumConstants().length);
			}
			assertThat(count("select count(*)" + where + " and p.recurrence_of is not null", city)).as("recurrences").isPositive();
			assertThat(count("select count(*)" + where + " and p.rejections > 0", city)).as("rejected once").isPositive();
			assertThat(count("select count(*)" + where + " and p.state <> 'CLOSED' and p.deadline < current_timestamp", city))
				.as("overdue").isPositive();
			assertThat(count("select count(*) from problem_instruction i join problem p on p.id = i.problem_id"
					+ " join city c on c.id = p.city_id where c.code = :c and p.found_by like :demo", city))
				.as("instructions").isPositive();
			assertThat(count("select count(*) from problem_photo ph join problem p on p.id = ph.problem_id"
					+ " join city c on c.id = p.city_id where c.code = :c and ph.stage = 'AFTER' and p.found_by like :demo", city))
				.as("after photos").isPositive();
			// last month's red/yellow/green list is published, with every band a demo city needs to show
			assertThat(count("select count(distinct l.band) from problem_list_line l join problem_list_publication pb"
					+ " on pb.id = l.publication_id join city c on c.id = pb.city_id where c.code = :c and :demo = :demo", city))
				.as("bands of the published list").isGreaterThanOrEqualTo(2);
		}
	}

	@Test
	void eachDemoProblemIsInTheStateItsLastTracedStepLeadsTo() {
		List<Map.Entry<Long, String>> rows = jdbc.sql("""
				select p.id, p.state from problem p join city c on c.id = p.city_id
				where c.code in ('xiantao', 'tianmen', 'qianjiang') and p.found_by in
				  ('xiantao.office', 'xiantao.inspector', 'tianmen.office', 'tianmen.inspector', 'qianjiang.office', 'qianjiang.inspector')
				  and p.id <= (select min(id) + 599 from problem)""")
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
			.list();
		assertThat(rows).hasSizeGreaterThanOrEqualTo(600);
		for (var row : rows) {
			String last = audit.historyOf("problem", Long.toString(row.getKey()), 100)
				.stream()
				.flatMap(e -> e.changes().stream())
				.filter(c -> c.field().equals("state"))
				.findFirst()
				.orElseThrow()
				.after();
			assertThat(last).as("problem " + row.getKey()).isEqualTo(row.getValue());
		}
	}

	private long count(String sql, String city) {
		return jdbc.sql(sql).param("c", city).param("demo", city + ".%").query(Long.class).single();
	}

}
