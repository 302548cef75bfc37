package cn.chuangwen.projects.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.projects.DecisionDraft;
import cn.chuangwen.projects.Meetings;
import cn.chuangwen.projects.Projects;

/**
 * The demo's joint meetings (X5): Xiantao's two last bimonthly joint meetings, called by the office
 * through the service with the demo liaisons' units and three more towns, each with decisions that
 * became problems of their units (the first meeting's due sooner), so a new meeting's agenda opens
 * with how they stand. Once: a city with a meeting gets none.
 */
@Component
@Order(96)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class MeetingDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(MeetingDemoData.class);

	private final Meetings meetings;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final Clock clock;

	MeetingDemoData(Meetings meetings, Accounts accounts, JdbcClient jdbc, Clock clock) {
		this.meetings = meetings;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<Long> office = jdbc.sql("select id from app_user where username = 'xiantao.office'").query(Long.class).list();
		if (office.isEmpty() || jdbc.sql("select count(*) from joint_meeting j join city c on c.id = j.city_id where c.code = 'xiantao'")
			.query(Long.class).single() > 0) {
			return;
		}
		CurrentUser user = accounts.principal(office.get(0));
		List<Long> units = new ArrayList<>(jdbc.sql("""
				select u.unit_id from app_user u where u.username in ('xiantao.liaison', 'xiantao.dept') order by u.username""")
			.query(Long.class).list());
		jdbc.sql("""
				select u.id from unit u join city c on c.id = u.city_id
				where c.code = 'xiantao' and u.kind = 'TOWN' and u.active order by u.code fetch first 4 rows only""")
			.query(Long.class).list().stream().filter(id -> !units.contains(id)).limit(3).forEach(units::add);
		LocalDate today = LocalDate.now(clock.withZone(Projects.ZONE));
		long first = meetings.create(user, "第五次创文联席会议", today.minusDays(60), "市委第一会议室", units).id();
		meetings.decide(user, first, new DecisionDraft("背街小巷占道经营集中整治，建立长效巡查机制", "PROBLEM", units.get(0),
				today.plusDays(5), null, "占道经营"));
		meetings.decide(user, first, new DecisionDraft("主要路口公益广告破损的全部更换", "PROBLEM", units.get(1),
				today.plusDays(10), null, "公益广告"));
		meetings.saveAgenda(user, first, "一、通报上期测评情况\n二、背街小巷和农贸市场整治\n三、公益广告提升");
		long second = meetings.create(user, "第六次创文联席会议", today.minusDays(5), "市委第一会议室", units).id();
		meetings.decide(user, second, new DecisionDraft("农贸市场周边环境卫生死角清零", "PROBLEM", units.get(units.size() - 1),
				today.plusDays(14), null, "环境卫生"));
		for (Long unit : units) {
			meetings.signIn(user, second, unit);
		}
		log.info("Demo joint meetings in xiantao: 2 meetings, 3 decisions");
	}

}
