package cn.chuangwen.participation.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.participation.OpinionDraft;
import cn.chuangwen.participation.OpinionForward;
import cn.chuangwen.participation.OpinionRounds;
import cn.chuangwen.participation.OpinionView;
import cn.chuangwen.participation.RoundView;
import cn.chuangwen.participation.SupervisorOpinions;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.Problems;

/**
 * The demo's special supervisors (issue 11 §7): in every city the leader on duty since a week ago,
 * the five supervisors' opinions in every state (waiting for the leader, instructed, forwarded as
 * problems, one of them signed for by the town, declined), and one open opinion collection round
 * with answers from supervisors and from the public page. Everything goes through the facades as
 * the people who would do it, so the trace reads as it would; afterwards the filing and instruction
 * times are spread over the past days so the response times have something to show.
 */
@Component
@Order(72)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class OpinionDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(OpinionDemoData.class);

	/** What the supervisors saw: category, words, address; the office's categories are the default ones. */
	static final String[][] OPINIONS = {
			{ "环境卫生", "农贸市场东门垃圾桶满溢，周边污水横流，早市期间气味很大。", "农贸市场东门" },
			{ "占道经营", "学校门口放学时段流动摊贩占道，学生和家长只能走机动车道。", "实验小学门口" },
			{ "交通秩序", "人民路与解放路路口非机动车闯红灯现象严重，缺少劝导员。", "人民路与解放路路口" },
			{ "公益广告", "公交站台的公益广告破损褪色，部分已经看不清内容。", "火车站公交站台" },
			{ "环境卫生", "老旧小区楼道堆放杂物，消防通道被占用。", "东风小区 3 栋" },
			{ "占道经营", "夜市摊点收摊后垃圾没有清理，第二天早上满地狼藉。", "滨江夜市" },
			{ "交通秩序", "医院门口机动车乱停乱放，救护车进出困难。", "市人民医院门口" },
			{ "环境卫生", "河道沿岸有居民倾倒建筑垃圾，影响河道景观。", "东荆河堤段" },
			{ "公益广告", "主干道围挡上的公益广告被小广告覆盖。", "城南大道施工围挡" },
			{ "环境卫生", "公厕无人保洁，洗手池没有水。", "中心广场公厕" },
			{ "占道经营", "商铺把货架摆到人行道上，盲道被占。", "步行街北段" },
			{ "交通秩序", "共享单车在地铁口大量堆积，行人无法通行。", "客运站出口" },
			{ "环境卫生", "绿化带里有大量烟头和塑料袋，长期无人清理。", "体育馆西侧绿化带" },
			{ "公益广告", "社区宣传栏内容过期，还是去年的通知。", "幸福社区宣传栏" },
			{ "环境卫生", "建筑工地出口车辆带泥上路，路面污染严重。", "开发区工地出口" } };

	static final String[] INSTRUCTIONS = { "请文明办督促属地立即整改，三日内反馈结果。", "请相关部门联合执法，建立长效机制。",
			"此事群众反映强烈，请限期解决并举一反三。", "请属地街道牵头处理，整改情况报我。" };

	private final SupervisorOpinions opinions;

	private final OpinionRounds rounds;

	private final Problems problems;

	private final Accounts accounts;

	private final Cities cities;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Clock clock;

	OpinionDemoData(SupervisorOpinions opinions, OpinionRounds rounds, Problems problems, Accounts accounts,
			Cities cities, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
		this.opinions = opinions;
		this.rounds = rounds;
		this.problems = problems;
		this.accounts = accounts;
		this.cities = cities;
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (jdbc.sql("select count(*) from supervisor_opinion").query(Integer.class).single() > 0) {
			return;
		}
		for (CityView city : cities.visible(DataScope.all())) {
			if (user(city.code() + ".supervisor") == null || user(city.code() + ".leader") == null) {
				continue;
			}
			// one transaction per city: the trace writes one chain per transaction
			tx.executeWithoutResult(s -> load(city));
		}
	}

	private void load(CityView city) {
		String code = city.code();
		CurrentUser office = user(code + ".office");
		CurrentUser leader = user(code + ".leader");
		CurrentUser liaison = user(code + ".liaison");
		List<CurrentUser> supervisors = new ArrayList<>();
		supervisors.add(user(code + ".supervisor"));
		for (int n = 2; n <= 5; n++) {
			CurrentUser s = user(code + ".supervisor" + n);
			if (s != null) {
				supervisors.add(s);
			}
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), Problems.ZONE);
		opinions.setDuty(office, leader.id(), today.minusDays(7));
		List<String> categories = opinions.categories(supervisors.get(0)).stream().map(Problems.Category::name).toList();
		long townId = liaison != null && liaison.unitId() != null ? liaison.unitId() : city.rootUnitId();
		int made = 0;
		for (int i = 0; i < OPINIONS.length; i++) {
			String[] o = OPINIONS[i];
			CurrentUser supervisor = supervisors.get(i % supervisors.size());
			String category = categories.contains(o[0]) ? o[0] : categories.get(i % categories.size());
			OpinionView filed = opinions.file(supervisor, new OpinionDraft(category, o[1], o[2], null, null), List.of());
			// every state: 0–3 waiting, 4–6 instructed, 7–12 forwarded (two signed for), 13–14 declined
			if (i >= 4 && i <= 12) {
				opinions.instruct(leader, filed.id(), INSTRUCTIONS[i % INSTRUCTIONS.length]);
			}
			if (i >= 7 && i <= 12) {
				OpinionView forwarded = opinions.forward(office, filed.id(),
						new OpinionForward(townId, i % 3 == 0 ? ProblemSeverity.SERIOUS : ProblemSeverity.GENERAL, null, null));
				if (i <= 8 && liaison != null) {
					problems.sign(liaison, forwarded.outcome().problemId());
				}
			}
			if (i >= 13) {
				opinions.decline(office, filed.id(), i == 13 ? "该问题已由随手拍反映并在整改中，不再重复转办。" : "经核实不属于创文测评范围，已转市12345热线处理。");
			}
			backdate(filed.id(), OPINIONS.length - i);
			made++;
		}
		RoundView round = rounds.open(office, "老旧小区文明创建征求意见",
				"我市正在推进老旧小区改造和文明创建，请您就环境卫生、停车管理、公共设施等方面提出意见和建议。",
				clock.instant().plus(Duration.ofDays(14)));
		rounds.answer(supervisors.get(0), round.id(), "建议在小区出入口设置非机动车停放区，并安排专人管理。");
		rounds.answer(supervisors.get(1 % supervisors.size()), round.id(), "楼道杂物清理要建立每月检查制度，由网格员负责。");
		rounds.answerPublic(code, round.id(), "希望增加健身器材，并定期维护。", null, null);
		rounds.answerPublic(code, round.id(), "小区垃圾分类桶太少，晚上经常满出来。", "张女士", "13800138000");
		rounds.answerPublic(code, round.id(), "建议物业公开收支情况，接受居民监督。", "李先生", null);
		log.info("Demo supervisor opinions: {} in {}, one open opinion collection round", made, code);
	}

	/**
	 * Spreads the demo over the past days: filed {@code days} days ago, instructed about a day
	 * later; the trace keeps the real times it was written at.
	 */
	private void backdate(long id, int days) {
		Instant now = clock.instant();
		Instant filed = now.minus(Duration.ofDays(days)).minus(Duration.ofHours(3));
		Instant instructed = filed.plus(Duration.ofHours(5 + days % 20));
		jdbc.sql("""
				update supervisor_opinion set created_at = :f,
				    instructed_at = case when instructed_at is null then instructed_at else cast(:i as timestamp with time zone) end
				where id = :id""")
			.param("f", Timestamp.from(filed))
			.param("i", Timestamp.from(instructed.isAfter(now) ? now : instructed))
			.param("id", id)
			.update();
	}

	private CurrentUser user(String username) {
		return jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.optional()
			.map(accounts::principal)
			.orElse(null);
	}

}
