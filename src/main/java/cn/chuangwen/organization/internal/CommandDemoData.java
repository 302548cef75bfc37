package cn.chuangwen.organization.internal;

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
import cn.chuangwen.organization.CareTeam;
import cn.chuangwen.organization.CareTeams;
import cn.chuangwen.organization.CommandBodies;
import cn.chuangwen.organization.CommandBody;
import cn.chuangwen.organization.CurrentUser;

/**
 * The demo's command structure (Q1), entered by each city's office through the service: Qianjiang's
 * leading group and its creation command with one office and five groups, members linked to the demo
 * accounts where there is one; Xiantao's key projects' task forces (专班), headed by the project's
 * leader with the lead unit's liaison as contact; Qianjiang's care teams (包保) of 3–5 departments for
 * communities of two towns and a village, with help the propaganda department (qianjiang.dept)
 * reported. Once: a city with a body gets none.
 */
@Component
@Order(98)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class CommandDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(CommandDemoData.class);

	/** name, post, phone, role, account username (or null). */
	record Person(String name, String post, String phone, String role, String username) {
	}

	private static final List<String> GROUPS = List.of("综合协调组", "宣传教育组", "环境整治组", "督查考核组", "志愿服务组");

	/** community code, then its team's department codes, the lead first. */
	private static final List<List<String>> TEAMS = List.of(
			List.of("QJ-T01-C01", "QJ-D01", "QJ-D04", "QJ-D11"),
			List.of("QJ-T01-C02", "QJ-D12", "QJ-D01", "QJ-D06", "QJ-D18"),
			List.of("QJ-T01-C03", "QJ-D10", "QJ-D13", "QJ-D17", "QJ-D19", "QJ-D23"),
			List.of("QJ-T02-C01", "QJ-D05", "QJ-D09", "QJ-D15"),
			List.of("QJ-T02-C02", "QJ-D16", "QJ-D02", "QJ-D03", "QJ-D20"),
			List.of("QJ-T07-V02", "QJ-D15", "QJ-D14", "QJ-D08"));

	private final CommandBodies bodies;

	private final CareTeams careTeams;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	CommandDemoData(CommandBodies bodies, CareTeams careTeams, Accounts accounts, JdbcClient jdbc,
			TransactionTemplate tx) {
		this.bodies = bodies;
		this.careTeams = careTeams;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		office("qianjiang").filter(o -> none(o.cityId())).ifPresent(o -> {
			tx.executeWithoutResult(s -> qianjiang(o));
			tx.executeWithoutResult(s -> careTeams(o));
		});
		office("xiantao").filter(o -> none(o.cityId())).ifPresent(o -> tx.executeWithoutResult(s -> xiantao(o)));
	}

	private void qianjiang(CurrentUser office) {
		CommandBody group = body(office, "LEADING_GROUP", "潜江市创建全国文明城市工作领导小组", null,
				"统筹全市创文工作，研究决定重大事项，每季度召开一次全体会议。");
		add(office, group, new Person("陈志强", "市委书记", "13907280001", "HEAD", null),
				new Person("刘建华", "市长", "13907280002", "DEPUTY", null),
				new Person("王德明", "市委常委、宣传部部长", "13907280003", "DEPUTY", "qianjiang.leader"),
				new Person("贺春生", "市委宣传部部长", "13800002496", "MEMBER", "qianjiang.dept"));
		CommandBody command = body(office, "COMMAND", "潜江市创文指挥部", null,
				"落实领导小组决定，调度各工作组和责任单位，实行一把手负责制。");
		add(office, command, new Person("王德明", "市委常委、宣传部部长", "13907280003", "HEAD", "qianjiang.leader"),
				new Person("周海涛", "市文明办主任", "13907280010", "DEPUTY", "qianjiang.office"));
		CommandBody bureau = body(office, "OFFICE", "指挥部办公室（创文办）", command.id(),
				"日常调度、督办、考核和信息汇总，设在市文明办。");
		add(office, bureau, new Person("周海涛", "市文明办主任", "13907280010", "HEAD", "qianjiang.office"),
				new Person("李晓雯", "市文明办科员", "13907280011", "CONTACT", null));
		int n = 0;
		for (String name : GROUPS) {
			n++;
			CommandBody g = body(office, "GROUP", name, command.id(), "负责" + name.replace("组", "") + "方面的创文工作。");
			add(office, g, new Person("组长" + n, "牵头单位负责人", "1390728002" + n, "HEAD", null),
					new Person("联络员" + n, "牵头单位科员", "1390728003" + n, "CONTACT", n == 2 ? "qianjiang.liaison" : null));
		}
		log.info("Demo command structure in qianjiang: leading group, command, office and {} groups", GROUPS.size());
	}

	/** Qianjiang's care teams, and help the propaganda department (qianjiang.dept) reported on its two communities. */
	private void careTeams(CurrentUser office) {
		int teams = 0;
		for (List<String> team : TEAMS) {
			Long community = unit(team.get(0));
			List<Long> departments = team.subList(1, team.size()).stream().map(this::unit).filter(java.util.Objects::nonNull).toList();
			if (community == null || departments.size() < CareTeam.MIN) {
				continue;
			}
			careTeams.set(office, community, departments, departments.get(0));
			teams++;
		}
		Long dept = user("qianjiang.dept");
		Long first = unit("QJ-T01-C01");
		Long second = unit("QJ-T01-C02");
		if (dept != null && first != null && second != null) {
			CurrentUser liaison = accounts.principal(dept);
			java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
			careTeams.addHelp(liaison, first, today.minusDays(20).toString(),
					"组织 12 名党员志愿者清理小区楼道堆放杂物，更换宣传栏公益广告 8 幅。", List.of());
			careTeams.addHelp(liaison, first, today.minusDays(6).toString(),
					"协调资金 2 万元修缮小区破损围墙，入户宣传文明公约 60 户。", List.of());
			careTeams.addHelp(liaison, second, today.minusDays(3).toString(), "参加社区环境卫生整治周，清运垃圾 3 车。",
					List.of());
		}
		log.info("Demo care teams in qianjiang: {}", teams);
	}

	private Long unit(String code) {
		return jdbc.sql("select id from unit where code = :c").param("c", code).query(Long.class).optional().orElse(null);
	}

	private void xiantao(CurrentUser office) {
		List<Object[]> projects = jdbc.sql("""
				select p.name, a.display_name, u.name as unit_name, u.liaison_name, u.liaison_phone
				from key_project p join app_user a on a.id = p.leader_user_id join unit u on u.id = p.lead_unit_id
				where p.city_id = :c order by p.id""")
			.param("c", office.cityId())
			.query((rs, i) -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5) })
			.list();
		for (Object[] p : projects) {
			CommandBody force = body(office, "TASK_FORCE", p[0] + "专班", null, "推进重点项目“" + p[0] + "”，牵头单位：" + p[2] + "。");
			add(office, force, new Person((String) p[1], "市领导", null, "HEAD", "xiantao.leader"));
			if (p[3] != null) {
				add(office, force, new Person((String) p[3], p[2] + "联络员", (String) p[4], "CONTACT", null));
			}
		}
		log.info("Demo task forces in xiantao: {}", projects.size());
	}

	private CommandBody body(CurrentUser office, String kind, String name, Long parent, String duties) {
		return bodies.create(office, new CommandBody.Draft(kind, name, parent, duties, null));
	}

	private void add(CurrentUser office, CommandBody body, Person... people) {
		for (Person p : people) {
			Long userId = p.username() == null ? null : user(p.username());
			bodies.addMember(office, body.id(), new CommandBody.MemberDraft(p.name(), p.post(), p.phone(), p.role(), userId));
		}
	}

	private Long user(String username) {
		return jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class).optional().orElse(null);
	}

	private java.util.Optional<CurrentUser> office(String city) {
		return jdbc.sql("select id from app_user where username = :u")
			.param("u", city + ".office")
			.query(Long.class)
			.optional()
			.map(accounts::principal);
	}

	private boolean none(long cityId) {
		return jdbc.sql("select count(*) from command_body where city_id = :c").param("c", cityId).query(Integer.class).single() == 0;
	}

}
