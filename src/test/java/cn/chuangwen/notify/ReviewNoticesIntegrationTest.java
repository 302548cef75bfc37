package cn.chuangwen.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.moments.HourHasPassed;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.ReviewFixtures;
import cn.chuangwen.support.TestClock;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.ProgressReports;

import static cn.chuangwen.support.ReviewFixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Events between modules: tasks publishes a report's submission, approval and return; notify
 * tells the unit's liaison accounts of each decision (in the app, with a link and the reason), and
 * the office once an hour of the reports that arrived (HourHasPassed from Moments), once per hour
 * however often the hour is heard, and not at all when nothing arrived.
 */
@IntegrationTest
class ReviewNoticesIntegrationTest {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Assignments assignments;

	@Autowired
	ProgressReports reports;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	ReviewFixtures fixtures;

	Instant restore;

	@BeforeEach
	void setUp() {
		restore = clock.instant();
	}

	@AfterEach
	void restoreClock() {
		clock.set(restore);
	}

	/** The in-app notices of a user: "kind|title|body|link", oldest first. */
	List<String> notices(long userId, String kind) {
		return jdbc.sql("""
				select kind, title, body, link from notification where user_id = :u and kind = :k and channel = 'IN_APP'
				order by id""")
			.param("u", userId)
			.param("k", kind)
			.query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4))
			.list();
	}

	boolean arrived(long reportId) {
		return jdbc.sql("select count(*) from review_arrival where report_id = :r").param("r", reportId)
			.query(Long.class).single() == 1;
	}

	@Test
	void theLiaisonIsToldInTheAppWhenTheReportIsApprovedOrReturned() throws Exception {
		var c = fixtures.community("xiantao");
		var a1 = fixtures.assign(c);
		var a2 = fixtures.assign(c);
		long approved = fixtures.submit(c, a1.id(), 50, "完成一半");
		long returned = fixtures.submit(c, a2.id(), 30, "开始整改");
		var office = fixtures.office("xiantao");

		reports.review(office, approved, ProgressReports.Decision.APPROVE, null);
		reports.review(office, returned, ProgressReports.Decision.RETURN, "缺少整改后照片");

		// The listeners run after the commit, on their own thread: wait for what they wrote.
		eventually(() -> notices(c.userId(), "REPORT_APPROVED").size() == 1
				&& notices(c.userId(), "REPORT_RETURNED").size() == 1);
		assertThat(notices(c.userId(), "REPORT_APPROVED")).containsExactly("REPORT_APPROVED|创建动态已审核通过："
				+ a1.indicatorCode() + " " + a1.indicatorName() + "|“" + a1.indicatorCode() + " " + a1.indicatorName()
				+ "”的创建动态（第 " + approved + " 号）已由文明办审核通过。|/assignments/" + a1.id() + "#r" + approved);
		assertThat(notices(c.userId(), "REPORT_RETURNED").get(0)).contains("创建动态被退回")
			.contains("退回原因：缺少整改后照片").endsWith("|/assignments/" + a2.id() + "#r" + returned);
		// The office gets no notice per decision, and nobody of another unit is told.
		assertThat(notices(logins.principal("xiantao.office").id(), "REPORT_APPROVED")).isEmpty();
		assertThat(notices(logins.principal("xiantao.liaison").id(), "REPORT_RETURNED").stream()
			.filter(n -> n.contains("#r" + returned))).isEmpty();

		// The liaison reads them on the notifications page, the reason in words, linked to the report.
		String page = mvc.perform(get("/notifications").with(logins.as(c.username()))).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("审核通过").contains("被退回").contains("退回原因：缺少整改后照片")
			.contains("href=\"/assignments/" + a2.id() + "#r" + returned + "\"");
		// The bell counts them, refreshed through htmx.
		assertThat(mvc.perform(get("/notifications/bell").header("HX-Request", "true").with(logins.as(c.username())))
			.andReturn().getResponse().getContentAsString()).contains("2 条未读通知").contains("hx-get=\"/notifications/bell\"")
			.contains("hx-trigger=\"every 60s\"").doesNotContain("<html");
		assertThat(mvc.perform(get("/notifications/bell").with(logins.as(c.username()))).andReturn().getResponse()
			.getRedirectedUrl()).isEqualTo("/notifications");
		// Decided reports are not in the office's next digest.
		eventually(() -> !arrived(approved) && !arrived(returned));
		// Every publication reached its listener (done ones are deleted, completion-mode delete).
		eventually(() -> jdbc.sql("select count(*) from event_publication where completion_date is null")
			.query(Long.class).single() == 0);
	}

	@Test
	void theOfficeGetsOneDigestAnHourOnlyWhenReportsArrived() {
		// Drain arrivals other tests left, so this hour counts only this test's reports.
		events.publishEvent(HourHasPassed.of(LocalDateTime.of(2099, 1, 1, 0, 0)));
		clock.set(Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(20)));
		LocalDateTime hour = LocalDateTime.ofInstant(clock.instant(), ZONE).truncatedTo(ChronoUnit.HOURS);
		long office = logins.principal("xiantao.office").id();
		String ref = "digest:" + hour;

		var c = fixtures.community("xiantao");
		long r1 = fixtures.submit(c, fixtures.assign(c).id(), 20, "一");
		long r2 = fixtures.submit(c, fixtures.assign(c).id(), 40, "二");
		eventually(() -> arrived(r1) && arrived(r2));
		assertThat(digests(office, ref)).isZero();

		// The hour has passed: one notice per reviewing account of the city, with the count, traced.
		long audited = auditedDigests();
		events.publishEvent(HourHasPassed.of(hour));
		assertThat(digests(office, ref)).isEqualTo(1);
		assertThat(notices(office, "REVIEW_DIGEST")).last().asString().contains("有 2 条新的创建动态待审核")
			.endsWith("|/reviews");
		// Not the unit's accounts, nor another city's office.
		assertThat(digests(c.userId(), ref)).isZero();
		assertThat(digests(logins.principal("tianmen.office").id(), ref)).isZero();

		// The same hour heard again (another node, a repeat): nothing more.
		events.publishEvent(HourHasPassed.of(hour));
		assertThat(digests(office, ref)).isEqualTo(1);
		// The next hour, with nothing new: no digest at all.
		events.publishEvent(HourHasPassed.of(hour.plusHours(1)));
		assertThat(digests(office, "digest:" + hour.plusHours(1))).isZero();
		assertThat(auditedDigests()).isEqualTo(audited + 1);
	}

	long auditedDigests() {
		return jdbc.sql("select count(*) from audit_event where action = 'REVIEW_DIGEST'").query(Long.class).single();
	}

	long digests(long userId, String ref) {
		return jdbc.sql("select count(*) from notification where user_id = :u and kind = 'REVIEW_DIGEST' and ref = :ref")
			.param("u", userId)
			.param("ref", ref)
			.query(Long.class)
			.single();
	}

}
