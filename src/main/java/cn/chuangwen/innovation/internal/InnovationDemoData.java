package cn.chuangwen.innovation.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.chuangwen.innovation.CaseView;
import cn.chuangwen.innovation.ContestDraft;
import cn.chuangwen.innovation.ContestView;
import cn.chuangwen.innovation.Innovation;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;

/**
 * The demo's innovation contests (X11), made through the service: Xiantao's 2026 contest with three
 * criteria and three judges (the demo leader, office and inspector), six cases of towns and
 * departments, every one scored by every judge, published; Tianmen's contest still OPEN with the
 * cases of its two demo liaisons' units. A unit without a demo account submits as its liaison
 * would, under the user name {@value #ENTERED_BY}. Once: a city with a contest gets none.
 */
@Component
@Order(100)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class InnovationDemoData implements ApplicationRunner {

	static final String ENTERED_BY = "demo-data";

	private static final Logger log = LoggerFactory.getLogger(InnovationDemoData.class);

	private static final List<ContestDraft.CriterionDraft> RUBRIC = List.of(
			new ContestDraft.CriterionDraft("创新性", 40), new ContestDraft.CriterionDraft("实效性", 40),
			new ContestDraft.CriterionDraft("可推广性", 20));

	private static final String[][] XIANTAO_CASES = {
			{ "“积分超市”激发居民参与创建", "居民参加志愿服务、垃圾分类、文明劝导积累积分，到社区积分超市兑换生活用品，参与人数半年翻了两番。" },
			{ "公益广告“一张图”管理", "全市公益广告点位上图管理，媒体按时间和版面三分之一刊播，破损广告48小时内更换。" },
			{ "背街小巷“巷长制”", "每条背街小巷设巷长，由机关干部和热心居民担任，每周巡查、问题随手拍上报、限时整改。" },
			{ "农贸市场“红黑榜”", "每月对农贸市场环境卫生、经营秩序打分，红黑榜在市场门口和政务网站公示，末位约谈。" },
			{ "“文明交通劝导岗”常态化", "主要路口早晚高峰设志愿者劝导岗，联合交警整治闯红灯和乱停放，事故率同比下降。" },
			{ "小区物业“创文红黄绿”考评", "对物业小区按创建指标月度考评，亮红黄绿牌，考评结果与物业企业信用挂钩。" } };

	private static final int[][][] XIANTAO_SCORES = {
			{ { 92, 88, 90 }, { 90, 85, 88 }, { 95, 90, 85 } },
			{ { 80, 85, 90 }, { 78, 82, 85 }, { 82, 80, 88 } },
			{ { 88, 90, 92 }, { 85, 92, 90 }, { 90, 86, 95 } },
			{ { 75, 80, 70 }, { 72, 78, 75 }, { 78, 82, 72 } },
			{ { 70, 75, 80 }, { 68, 72, 78 }, { 74, 70, 76 } },
			{ { 85, 78, 82 }, { 82, 80, 80 }, { 80, 76, 84 } } };

	private final Innovation innovation;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final Clock clock;

	InnovationDemoData(Innovation innovation, Accounts accounts, JdbcClient jdbc, Clock clock) {
		this.innovation = innovation;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (hasContest("xiantao") || user("xiantao.office") == null) {
			return;
		}
		LocalDate today = LocalDate.now(clock.withZone(Innovation.ZONE));
		xiantao(today);
		if (!hasContest("tianmen") && user("tianmen.office") != null) {
			tianmen(today);
		}
	}

	private void xiantao(LocalDate today) {
		CurrentUser office = principal("xiantao.office");
		ContestView c = innovation.create(office, new ContestDraft("2026年度创文创新案例评选",
				"征集各镇办、各部门落实创建指标的创新做法，评委按创新性、实效性、可推广性打分，前三名通报表扬并计入年度考核加分。",
				today.toString(), RUBRIC, List.of("xiantao.leader", "xiantao.office", "xiantao.inspector")));
		List<CurrentUser> submitters = new ArrayList<>();
		submitters.add(principal("xiantao.liaison"));
		submitters.add(principal("xiantao.dept"));
		List<Long> taken = List.of(submitters.get(0).unitId(), submitters.get(1).unitId());
		for (String kind : List.of("TOWN", "DEPARTMENT")) {
			jdbc.sql("""
					select u.id, u.name, u.path from unit u join city c on c.id = u.city_id
					where c.code = 'xiantao' and u.kind = :k and u.active order by u.code fetch first 4 rows only""")
				.param("k", kind)
				.query((rs, n) -> Map.entry(rs.getLong(1), new String[] { rs.getString(2), rs.getString(3) }))
				.list()
				.stream()
				.filter(e -> !taken.contains(e.getKey()))
				.limit(2)
				.forEach(e -> submitters.add(asLiaisonOf(submitters.get(0), e.getKey(), e.getValue()[0], e.getValue()[1])));
		}
		List<CaseView> cases = new ArrayList<>();
		for (int i = 0; i < Math.min(submitters.size(), XIANTAO_CASES.length); i++) {
			cases.add(innovation.submit(submitters.get(i), c.id(), XIANTAO_CASES[i][0], XIANTAO_CASES[i][1], List.of()));
		}
		innovation.startJudging(office, c.id());
		List<String> judges = List.of("xiantao.leader", "xiantao.office", "xiantao.inspector");
		for (int j = 0; j < judges.size(); j++) {
			CurrentUser judge = principal(judges.get(j));
			for (int i = 0; i < cases.size(); i++) {
				Map<Long, Integer> scores = new java.util.HashMap<>();
				for (int k = 0; k < c.criteria().size(); k++) {
					scores.put(c.criteria().get(k).id(), XIANTAO_SCORES[i][j][k]);
				}
				innovation.score(judge, cases.get(i).id(), scores);
			}
		}
		innovation.publish(office, c.id());
		log.info("Demo innovation contest in xiantao: {} cases scored and published", cases.size());
	}

	private void tianmen(LocalDate today) {
		CurrentUser office = principal("tianmen.office");
		ContestView c = innovation.create(office, new ContestDraft("2026年天门市文明创建创新案例征集",
				"面向各镇街道和市直部门征集文明创建创新做法。", today.plusDays(30).toString(), RUBRIC,
				List.of("tianmen.leader", "tianmen.office", "tianmen.inspector")));
		innovation.submit(principal("tianmen.liaison"), c.id(), "“门前三包”责任牌上墙",
				"沿街商户门前三包责任牌统一上墙，责任人、标准、监督电话公开，街道每周检查。", List.of());
		innovation.submit(principal("tianmen.dept"), c.id(), "窗口单位“好差评”即时评价",
				"政务服务窗口设置好差评二维码，差评当天回访、三日内整改并回复。", List.of());
		log.info("Demo innovation contest in tianmen: open with 2 cases");
	}

	/** A liaison of another unit, for a unit that has no demo account of its own. */
	private static CurrentUser asLiaisonOf(CurrentUser liaison, long unitId, String unitName, String path) {
		return new CurrentUser(-unitId, ENTERED_BY, unitName, liaison.cityId(), liaison.cityCode(), liaison.cityName(),
				unitId, unitName, liaison.roles(), liaison.permissions(),
				new DataScope(liaison.scope().kind(), liaison.cityId(), unitId, path), 0);
	}

	private boolean hasContest(String city) {
		return jdbc.sql("select count(*) from innovation_contest k join city c on c.id = k.city_id where c.code = :c")
			.param("c", city)
			.query(Long.class)
			.single() > 0;
	}

	private Long user(String username) {
		return jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class)
			.optional().orElse(null);
	}

	private CurrentUser principal(String username) {
		return accounts.principal(user(username));
	}

}
