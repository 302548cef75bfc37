package cn.chuangwen.projects.internal;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.files.Upload;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.projects.Funds;
import cn.chuangwen.projects.ProjectDraft;
import cn.chuangwen.projects.ProjectView;
import cn.chuangwen.projects.Projects;

/**
 * The demo's key projects: Xiantao's ten (X4), each with the city's leader, a lead unit and
 * cooperating departments, a budget (its allocation of the city's creation budget, set first), some linked assignments and problems of the city, and spending
 * with an invoice scan, entered through the same service the office uses (so every one is traced).
 * One project stands past the 90 % warning.
 */
@Component
@Order(95)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class ProjectDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ProjectDemoData.class);

	/** name, goal, lead unit code, cooperating unit codes, budget (yuan), state, spending (yuan, ...). */
	record Seed(String name, String goal, String lead, List<String> cooperating, String budget, String state,
			List<String> spending) {
	}

	static final List<Seed> SEEDS = List.of(
			new Seed("背街小巷改造", "年内完成城区 60 条背街小巷路面、照明和排水改造", "XT-D11", List.of("XT-D12", "XT-D09", "XT-T01"),
					"12000000", "RUNNING", List.of("3200000", "2850000")),
			new Seed("农贸市场提档升级", "城区 12 个农贸市场全部达到标准化市场要求", "XT-D19", List.of("XT-D16", "XT-D12"),
					"6000000", "RUNNING", List.of("2400000", "3100000")),
			new Seed("公厕革命", "新建改建城区公厕 40 座，全部免费开放", "XT-D12", List.of("XT-D11", "XT-D18"), "8000000",
					"RUNNING", List.of("1900000")),
			new Seed("交通秩序整治", "主干道机动车礼让行人率达到 90% 以上", "XT-D05", List.of("XT-D13"), "1500000", "RUNNING",
					List.of("420000")),
			new Seed("公益广告提升", "社会媒介公益广告不少于时间和版面的三分之一", "XT-D01", List.of("XT-D17"), "900000",
					"RUNNING", List.of("310000")),
			new Seed("志愿服务", "注册志愿者占城区常住人口 13% 以上", "XT-D01", List.of("XT-D06", "XT-D04"), "600000",
					"RUNNING", List.of()),
			new Seed("未成年人思想道德建设", "中小学校乡村学校少年宫全覆盖", "XT-D04", List.of("XT-D01"), "1200000", "PLANNING",
					List.of()),
			new Seed("窗口单位服务提升", "窗口行业群众满意度达到 90 分以上", "XT-D19", List.of("XT-D13", "XT-D18"), "500000",
					"RUNNING", List.of("150000")),
			new Seed("城市绿化", "建成区绿化覆盖率达到 40%", "XT-D11", List.of("XT-D15"), "10000000", "SUSPENDED",
					List.of("2000000")),
			new Seed("诚信建设", "建立覆盖全市的信用信息平台", "XT-D16", List.of("XT-D19", "XT-D01"), "800000", "DONE",
					List.of("760000")));

	/** Xiantao's creation budget of the year (yuan): the projects' allocations and room for units. */
	static final String XIANTAO_BUDGET = "60000000";

	private final Projects projects;

	private final Funds funds;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	ProjectDemoData(Projects projects, Funds funds, Accounts accounts, JdbcClient jdbc, TransactionTemplate tx) {
		this.projects = projects;
		this.funds = funds;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (jdbc.sql("select count(*) from key_project").query(Integer.class).single() > 0) {
			return;
		}
		CurrentUser office = jdbc.sql("select id from app_user where username = 'xiantao.office'")
			.query(Long.class)
			.optional()
			.map(accounts::principal)
			.orElse(null);
		boolean leader = jdbc.sql("select count(*) from app_user where username = 'xiantao.leader'")
			.query(Integer.class)
			.single() > 0;
		if (office == null || !leader) {
			return;
		}
		List<Long> assignmentIds = jdbc.sql("select id from assignment where city_id = :c order by id limit 20")
			.param("c", office.cityId())
			.query(Long.class)
			.list();
		List<Long> problemIds = jdbc.sql("select id from problem where city_id = :c order by id limit 20")
			.param("c", office.cityId())
			.query(Long.class)
			.list();
		byte[] invoice = invoice();
		// a project's budget is its allocation of the city's creation budget of the year
		if (funds.year(office, null).budget() == null) {
			tx.execute(st -> funds.setBudget(office, String.valueOf(funds.year()), XIANTAO_BUDGET));
		}
		int n = 0, entries = 0;
		for (Seed s : SEEDS) {
			Long lead = unit(office.cityId(), s.lead());
			List<Long> coop = new ArrayList<>();
			s.cooperating().forEach(c -> {
				Long id = unit(office.cityId(), c);
				if (id != null) {
					coop.add(id);
				}
			});
			if (lead == null) {
				continue;
			}
			List<Long> a = slice(assignmentIds, n * 2, 2);
			List<Long> p = slice(problemIds, n, n % 3 == 0 ? 2 : 1);
			ProjectDraft draft = new ProjectDraft(s.name(), s.goal(), "xiantao.leader", lead, coop,
					new BigDecimal(s.budget()), s.state(), a, p);
			ProjectView created = tx.execute(st -> projects.create(office, draft));
			int day = 40;
			for (String amount : s.spending()) {
				String date = projects.today().minusDays(day).toString();
				day -= 15;
				tx.execute(st -> projects.addSpending(office, created.id(), amount, "工程款（发票）", date,
						List.of(new Upload("invoice-" + created.id() + ".png", new ByteArrayInputStream(invoice)))));
				entries++;
			}
			n++;
		}
		log.info("Demo key projects loaded: {} projects, {} spending entries", n, entries);
	}

	private Long unit(long cityId, String code) {
		return jdbc.sql("select id from unit where city_id = :c and code = :code and active = true")
			.param("c", cityId)
			.param("code", code)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	private static List<Long> slice(List<Long> ids, int from, int count) {
		if (from >= ids.size()) {
			return List.of();
		}
		return List.copyOf(ids.subList(from, Math.min(ids.size(), from + count)));
	}

	/** A small invoice-like image: the demo's evidence file. */
	static byte[] invoice() {
		BufferedImage image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, 480, 320);
			g.setColor(new Color(0xcf222e));
			g.drawRect(10, 10, 460, 300);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
			g.drawString("INVOICE", 170, 60);
			g.setColor(Color.DARK_GRAY);
			for (int y = 100; y < 290; y += 30) {
				g.drawLine(30, y, 450, y);
			}
		}
		finally {
			g.dispose();
		}
		var out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
