package cn.chuangwen.participation.internal;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.participation.ExposureColumn;
import cn.chuangwen.participation.ExposureDraft;
import cn.chuangwen.problems.ProblemDetail;

/**
 * The demo's exposure column: in each demo city the office publishes {@value #PER_CITY} closed
 * problems with photos before and after (the newest closed first), every third with a region hidden
 * on its "before" photo, and takes the oldest of them off again with a reason. Published through
 * {@link ExposureColumn} as the city's office, so the copies, the trace and the checks are the real
 * ones. Runs once per city: a city with items gets none. After the problems (order 40).
 */
@Component
@Order(75)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class ExposureDemoData implements ApplicationRunner {

	static final int PER_CITY = 20;

	/** The demo's hidden region: the lower left of the photo, where a passer-by or a car would be. */
	static final String REGION = "0.05,0.55,0.3,0.4";

	static final String UNPUBLISH_REASON = "责任单位申请复核，复核期间暂时撤下";

	private static final Logger log = LoggerFactory.getLogger(ExposureDemoData.class);

	private final ExposureColumn column;

	private final Cities cities;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	ExposureDemoData(ExposureColumn column, Cities cities, Accounts accounts, JdbcClient jdbc, TransactionTemplate tx) {
		this.column = column;
		this.cities = cities;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (CityView city : cities.visible(DataScope.all())) {
			// one transaction per city: the trace writes one chain per transaction
			tx.executeWithoutResult(s -> load(city));
		}
	}

	private void load(CityView city) {
		List<Long> office = jdbc.sql("select id from app_user where username = :u")
			.param("u", city.code() + ".office")
			.query(Long.class)
			.list();
		boolean loaded = jdbc.sql("select count(*) from exposure_item where city_id = :c")
			.param("c", city.id())
			.query(Long.class)
			.single() > 0;
		if (office.isEmpty() || loaded) {
			return;
		}
		// closed problems with photos both before and after, newest closed first
		List<Long> problems = jdbc.sql("""
				select p.id from problem p
				where p.city_id = :c and p.state = 'CLOSED'
				  and exists (select 1 from problem_photo b where b.problem_id = p.id and b.rectification_id is null)
				  and exists (select 1 from problem_photo a where a.problem_id = p.id and a.rectification_id is not null)
				order by p.closed_at desc, p.id desc limit :n""")
			.param("c", city.id())
			.param("n", PER_CITY)
			.query(Long.class)
			.list();
		if (problems.isEmpty()) {
			return;
		}
		CurrentUser user = accounts.principal(office.get(0));
		var previous = SecurityContextHolder.getContext().getAuthentication();
		// the trace names the office as the one who published, as when it signs in
		SecurityContextHolder.getContext()
			.setAuthentication(new UsernamePasswordAuthenticationToken(user, null, List.of()));
		try {
			long last = 0;
			for (int i = problems.size() - 1; i >= 0; i--) {
				last = publish(user, problems.get(i), i % 3 == 0);
			}
			long oldest = column.itemOfProblem(user, problems.get(problems.size() - 1)).orElseThrow().id();
			column.unpublish(user, oldest, UNPUBLISH_REASON);
			log.info("Demo exposure column: {} items in {} (newest {}), one taken off", problems.size(), city.code(), last);
		}
		finally {
			SecurityContextHolder.getContext().setAuthentication(previous);
		}
	}

	private long publish(CurrentUser user, long problemId, boolean hide) {
		ProblemDetail d = column.problem(user, problemId);
		long before = d.beforePhotos().get(0).id();
		List<Long> after = d.rectifications()
			.stream()
			.flatMap(r -> r.photos().stream())
			.map(ProblemDetail.Photo::id)
			.limit(1)
			.toList();
		String body = d.problem().title() + "。市创文办督办后，" + d.problem().unitName() + "已按要求整改。";
		return column.publish(user, problemId, new ExposureDraft(d.problem().title(), body, List.of(before), after,
				hide ? Map.of(before, REGION) : Map.of()));
	}

}
