package cn.chuangwen.publicity.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.publicity.Campaign;
import cn.chuangwen.publicity.CampaignDraft;
import cn.chuangwen.publicity.CampaignEntry.EntrySource;
import cn.chuangwen.publicity.CampaignEntry.EntryState;
import cn.chuangwen.publicity.DemonstrationSites;
import cn.chuangwen.publicity.PublicCampaigns;
import cn.chuangwen.publicity.SiteSummary;
import cn.chuangwen.shared.Secrets;

/**
 * The demo's public campaigns (T5), dates relative to today. Tianmen: a slogan solicitation that
 * ended with its results published, a demonstration-site selection that is voting (its candidates
 * the city's registered sites, and one place the public recommended), and a signature
 * drive that is collecting, with a few messages waiting for the office. Xiantao: a convention
 * solicitation collecting, with entries waiting. Qianjiang: a draft. The campaigns are created and
 * published through the service (traced); the past entries and votes, which no device could send
 * today, are written as they would have been, each vote by its own made-up device. Once: a city
 * with a campaign gets none.
 */
@Component
@Order(102)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class CampaignDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(CampaignDemoData.class);

	private static final String[] SLOGANS = { "文明天门 你我共建", "创建文明城市 共享美好家园", "讲文明树新风 做文明天门人",
			"我是天门人 天门是我家", "文明一小步 城市一大步", "人人都是文明城 处处都是好风景", "小手拉大手 文明一起走",
			"礼让斑马线 文明伴我行", "垃圾不落地 天门更美丽", "志愿服务暖人心 文明创建聚合力" };

	private static final String[] MESSAGES = { "支持创文，从我做起！", "文明出行，礼让行人。", "愿天门越来越好。", "我承诺不乱扔垃圾。",
			"为创文点赞！" };

	private final PublicCampaigns campaigns;

	private final DemonstrationSites sites;

	private final CampaignStore store;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Clock clock;

	/** Tells the made-up devices of the demo's entries apart. */
	private int devices;

	CampaignDemoData(PublicCampaigns campaigns, DemonstrationSites sites, CampaignStore store, Accounts accounts,
			JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
		this.campaigns = campaigns;
		this.sites = sites;
		this.store = store;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		LocalDate today = campaigns.today();
		office("tianmen").ifPresent(office -> tx.executeWithoutResult(s -> tianmen(office, today)));
		office("xiantao").ifPresent(office -> tx.executeWithoutResult(s -> xiantao(office, today)));
		office("qianjiang").ifPresent(office -> tx.executeWithoutResult(s -> campaigns.create(office,
				new CampaignDraft("SLOGAN", "潜江市“小手拉大手，文明我先行”倡议征集", "面向全市中小学生征集文明倡议，优秀作品在校园和公共场所展示。",
						today.plusDays(7).toString(), today.plusDays(37).toString(), today.plusDays(52).toString(), "2"))));
	}

	private void tianmen(CurrentUser office, LocalDate today) {
		Campaign slogans = published(office, new CampaignDraft("SLOGAN", "天门市文明城市创建用语征集",
				"面向社会征集文明城市创建用语，要求积极向上、简洁易记，每条不超过 20 字。入选作品将在市内媒体和公共场所展示。",
				today.minusDays(60).toString(), today.minusDays(31).toString(), today.minusDays(11).toString(), "3"));
		for (int i = 0; i < SLOGANS.length; i++) {
			long id = entry(slogans, SLOGANS[i], null, EntryState.APPROVED, today.minusDays(58 - i));
			votes(slogans, id, 30 + (SLOGANS.length - i) * 23 + (i * 7) % 11, today.minusDays(25));
		}
		long ad = entry(slogans, "代办各类证件 请加微信", null, EntryState.SUBMITTED, today.minusDays(40));
		campaigns.moderate(office, slogans.id(), ad, false, "含广告，与活动无关。");
		campaigns.publishResults(office, slogans.id());

		Campaign selection = published(office, new CampaignDraft("SITE_SELECTION", "2026 年度文明创建示范点评选",
				"以示范点为引领，评选社区、学校、医院、集贸市场、窗口单位等七类创建示范点。候选由各单位推荐和群众推荐产生，投票结果作为评定的重要参考。",
				today.minusDays(20).toString(), today.minusDays(6).toString(), today.plusDays(8).toString(), "2"));
		// the units' recommendations are the registry's sites, added by the office; one the public recommended
		List<SiteSummary> registered = sites.selectable(office.cityId());
		for (int i = 0; i < registered.size(); i++) {
			SiteSummary site = registered.get(i);
			long id = store.insertEntry(new CampaignStore.NewEntry(selection.id(), selection.cityId(), site.name(), "单位推荐",
					site.id(), EntrySource.OFFICE, EntryState.APPROVED, null), at(today.minusDays(19)));
			votes(selection, id, 12 + (i * 17) % 40, today.minusDays(3));
		}
		votes(selection, entry(selection, "东湖广场", "群众推荐：晚上散步的人多，一直很干净。", EntryState.APPROVED, today.minusDays(12)), 9,
				today.minusDays(2));
		entry(selection, "西湖公园南门广场", "每天晚上很多居民在这里跳广场舞，很整洁。", EntryState.SUBMITTED, today.minusDays(7));

		Campaign drive = published(office, new CampaignDraft("SIGNATURE", "文明创建万人签名",
				"“我是天门人，天门是我家”。签下您的名字，承诺文明出行、爱护环境、诚信友善，共建全国文明城市。", today.minusDays(10).toString(),
				today.plusDays(20).toString(), null, "1"));
		for (int i = 0; i < 320; i++) {
			entry(drive, null, null, EntryState.APPROVED, today.minusDays(10 - i % 10));
		}
		for (int i = 0; i < MESSAGES.length; i++) {
			entry(drive, MESSAGES[i], null, i < 3 ? EntryState.APPROVED : EntryState.SUBMITTED, today.minusDays(i + 1));
		}
		log.info("Demo public campaigns: 3 for tianmen");
	}

	private void xiantao(CurrentUser office, LocalDate today) {
		Campaign conventions = published(office, new CampaignDraft("SLOGAN", "仙桃市民文明公约征集",
				"征集简明易懂、朗朗上口的市民文明公约条目，内容涵盖文明出行、环境卫生、诚信友善、公共秩序等方面。", today.minusDays(5).toString(),
				today.plusDays(15).toString(), today.plusDays(25).toString(), "3"));
		entry(conventions, "爱护公物 保护环境", "写给每一位仙桃人。", EntryState.APPROVED, today.minusDays(4));
		entry(conventions, "遵守秩序 文明出行", null, EntryState.APPROVED, today.minusDays(3));
		entry(conventions, "邻里互助 诚信友善", null, EntryState.SUBMITTED, today.minusDays(2));
		entry(conventions, "公共场所不大声喧哗", "在公交车上经常遇到大声打电话的。", EntryState.SUBMITTED, today.minusDays(1));
		entry(conventions, "垃圾分类 从我做起", null, EntryState.SUBMITTED, today);
		log.info("Demo public campaigns: 1 for xiantao");
	}

	private Campaign published(CurrentUser office, CampaignDraft draft) {
		return campaigns.publish(office, campaigns.create(office, draft).id());
	}

	/** An entry as a device would have sent it on that day (its own made-up device). */
	private long entry(Campaign c, String content, String note, EntryState state, LocalDate day) {
		String device = Secrets.sha256Hex("demo-campaign-device:" + c.id() + ":" + (++devices));
		return store.insertEntry(new CampaignStore.NewEntry(c.id(), c.cityId(), content, note, null, EntrySource.PUBLIC,
				state, device), at(day));
	}

	/** {@code n} votes for an entry, each by its own made-up device on that day. */
	private void votes(Campaign c, long entryId, int n, LocalDate day) {
		store.pastVotes(c.id(), entryId, IntStream.range(0, n)
			.mapToObj(i -> Secrets.sha256Hex("demo-campaign-vote:" + entryId + ":" + i))
			.toList(), day, at(day));
	}

	private Instant at(LocalDate day) {
		Instant noon = day.atTime(12, 0).atZone(PublicCampaigns.ZONE).toInstant();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		return noon.isAfter(now) ? now : noon;
	}

	/** The city's office account, when the city has none of its campaigns yet. */
	private Optional<CurrentUser> office(String city) {
		long existing = jdbc.sql("select count(*) from public_campaign p join city c on c.id = p.city_id where c.code = :c")
			.param("c", city)
			.query(Long.class)
			.single();
		if (existing > 0) {
			return Optional.empty();
		}
		return jdbc.sql("select id from app_user where username = :u")
			.param("u", city + ".office")
			.query(Long.class)
			.optional()
			.map(accounts::principal);
	}

}
