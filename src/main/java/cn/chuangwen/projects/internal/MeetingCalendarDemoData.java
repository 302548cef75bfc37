package cn.chuangwen.projects.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
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
import cn.chuangwen.projects.MeetingCalendar;
import cn.chuangwen.projects.Projects;

/**
 * The demo's meeting calendars: Xiantao's joint meeting every two months from the month after next (its last
 * two meetings were held already; X5), Tianmen's monthly consultation on the 15th from this month
 * (T2; the calendar creates this month's at once when it is due within its lead time). The default
 * units are the demo liaisons' units and the first town-level units. Once: a city with a rhythm keeps it.
 */
@Component
@Order(99)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class MeetingCalendarDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(MeetingCalendarDemoData.class);

	private final MeetingCalendar calendar;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final Clock clock;

	MeetingCalendarDemoData(MeetingCalendar calendar, Accounts accounts, JdbcClient jdbc, Clock clock) {
		this.calendar = calendar;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		YearMonth month = YearMonth.from(LocalDate.now(clock.withZone(Projects.ZONE)));
		set("xiantao", MeetingCalendar.Rhythm.BIMONTHLY, 10, month.plusMonths(2));
		set("tianmen", MeetingCalendar.Rhythm.MONTHLY, 15, month);
	}

	private void set(String city, MeetingCalendar.Rhythm rhythm, int day, YearMonth first) {
		List<Long> office = jdbc.sql("select id from app_user where username = :u").param("u", city + ".office")
			.query(Long.class).list();
		if (office.isEmpty() || jdbc.sql("select count(*) from meeting_rhythm r join city c on c.id = r.city_id"
				+ " where c.code = :c").param("c", city).query(Long.class).single() > 0) {
			return;
		}
		List<Long> units = jdbc.sql("""
				select distinct u.id, u.code from unit u join city c on c.id = u.city_id
				where c.code = :c and u.active and (u.id in (select unit_id from app_user
				    where username in (:liaison, :dept)) or u.kind in ('TOWN', 'SUBDISTRICT'))
				order by u.code fetch first 6 rows only""")
			.param("c", city)
			.param("liaison", city + ".liaison")
			.param("dept", city + ".dept")
			.query((rs, n) -> rs.getLong(1))
			.list();
		calendar.set(accounts.principal(office.get(0)), rhythm.name(), String.valueOf(day), first.toString(), units);
		log.info("Demo meeting calendar of {}: {} on day {} from {}", city, rhythm, day, first);
	}

}
