package cn.chuangwen.publicity.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.chuangwen.files.Upload;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.publicity.CreationNews;
import cn.chuangwen.publicity.MediaOutlets;
import cn.chuangwen.publicity.NewsDraft;
import cn.chuangwen.publicity.OutletDraft;

/**
 * The demo's publicity (X9): in each city, seven outlets of the propaganda department (the demo's
 * {@code <city>.dept} reports for them) and the city management bureau's outdoor screens (whose
 * liaison has no demo account, so it never reports: a shortfall every month). The last three months
 * are reported through the service with a scan each: the newspaper short of a third last month, the
 * TV channel short the month before, the radio station's last month not reported. Once: a city with
 * an outlet gets none. News (X10): five published items of the propaganda department and a town
 * (one naming Xiantao's key project 公益广告提升), one waiting for the office.
 */
@Component
@Order(97)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class PublicityDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PublicityDemoData.class);

	/** City code, its short name. */
	private static final List<String[]> CITIES = List.of(new String[] { "xiantao", "仙桃", "XT" },
			new String[] { "tianmen", "天门", "TM" }, new String[] { "qianjiang", "潜江", "QJ" });

	private final MediaOutlets outlets;

	private final CreationNews news;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	PublicityDemoData(MediaOutlets outlets, CreationNews news, Accounts accounts, JdbcClient jdbc) {
		this.outlets = outlets;
		this.news = news;
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (String[] city : CITIES) {
			Optional<CurrentUser> office = user(city[0] + ".office");
			Optional<CurrentUser> dept = user(city[0] + ".dept");
			if (office.isEmpty() || dept.isEmpty() || jdbc.sql("""
					select count(*) from media_outlet o join city c on c.id = o.city_id where c.code = :c""")
				.param("c", city[0])
				.query(Long.class)
				.single() > 0) {
				continue;
			}
			outletsOf(city, office.get(), dept.get());
			user(city[0] + ".liaison").ifPresent(town -> newsOf(city, office.get(), dept.get(), town));
		}
	}

	/** Five published items of the propaganda department and a town, and one waiting for review. */
	private void newsOf(String[] city, CurrentUser office, CurrentUser dept, CurrentUser town) {
		String name = city[1];
		// the key project 公益广告提升 where the projects module's demo has it (Xiantao)
		String project = jdbc.sql("select min(p.id) from key_project p join city c on c.id = p.city_id"
				+ " where c.code = :c and p.name = '公益广告提升'")
			.param("c", city[0])
			.query(Long.class)
			.optional()
			.map(String::valueOf)
			.orElse(null);
		String[][] items = {
				{ "dept", name + "启动新一轮公益广告集中投放", "全市主要道路、公交站台和户外大屏集中更换一批讲文明树新风公益广告，"
						+ "新增投放点位120处，营造浓厚的创建氛围。", project },
				{ "town", "社区志愿者清理背街小巷卫生死角", "周末，街道组织200余名志愿者深入背街小巷，清理卫生死角48处，"
						+ "劝导占道经营商户32户。", null },
				{ "dept", name + "日报开设“文明创建进行时”专栏", "专栏每周刊发两期，报道各单位创建工作进展和身边好人好事。", null },
				{ "town", "农贸市场提档升级改造完工", "经过三个月改造，市场划行归市、地面硬化和排水改造全部完成，"
						+ "市民购物环境明显改善。", null },
				{ "dept", "“文明餐桌”行动走进机关食堂", "全市机关食堂张贴光盘行动提示，设立公筷公勺，倡导节约用餐。", null } };
		for (int i = 0; i < items.length; i++) {
			CurrentUser by = "dept".equals(items[i][0]) ? dept : town;
			long id = news.submit(by, new NewsDraft(items[i][1], items[i][2], items[i][3]),
					List.of(new Upload("photo-" + (i + 1) + ".png", new ByteArrayInputStream(photo(i))))).id();
			news.publish(office, id);
		}
		news.submit(town, new NewsDraft("文明交通劝导岗上岗", "在城区十个主要路口设立文明交通劝导岗，每天早晚高峰劝导行人和非机动车。", null),
				List.of(new Upload("photo-waiting.png", new ByteArrayInputStream(photo(7)))));
		log.info("Demo creation news in {}: 5 published, 1 waiting", city[0]);
	}

	/** A picture standing in for a news photo: a sky, a street and a few blocks of colour. */
	static byte[] photo(int seed) {
		BufferedImage image = new BufferedImage(640, 420, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(180, 210, 240));
		g.fillRect(0, 0, 640, 260);
		g.setColor(new Color(120, 120, 120));
		g.fillRect(0, 260, 640, 160);
		Color[] colours = { new Color(178, 34, 42), new Color(230, 170, 40), new Color(60, 140, 80), new Color(40, 90, 160) };
		for (int b = 0; b < 5; b++) {
			g.setColor(colours[(b + seed) % colours.length]);
			g.fillRect(40 + b * 115, 120 + ((b + seed) % 3) * 30, 90, 140 - ((b + seed) % 3) * 30);
		}
		g.dispose();
		return png(image);
	}

	private void outletsOf(String[] city, CurrentUser office, CurrentUser dept) {
		String name = city[1];
		long propaganda = dept.unitId();
		long urban = jdbc.sql("select id from unit where code = :c").param("c", city[2] + "-D12").query(Long.class).single();
		long tv = outlets.create(office, new OutletDraft(name + "电视台新闻综合频道", "TV", null, propaganda)).id();
		long radio = outlets.create(office, new OutletDraft(name + "人民广播电台", "RADIO", null, propaganda)).id();
		long paper = outlets.create(office, new OutletDraft(name + "日报", "NEWSPAPER", null, propaganda)).id();
		long wechat = outlets.create(office, new OutletDraft(name + "发布微信公众号", "WECHAT", null, propaganda)).id();
		long publicChannel = outlets.create(office, new OutletDraft(name + "电视台公共频道", "TV", null, propaganda)).id();
		long bus = outlets.create(office, new OutletDraft(name + "公交车载移动电视", "BUS", null, propaganda)).id();
		long website = outlets.create(office, new OutletDraft(name + "文明网", "WEBSITE", null, propaganda)).id();
		outlets.create(office, new OutletDraft("城区户外LED大屏", "OUTDOOR_SCREEN", null, urban));
		YearMonth now = outlets.thisMonth();
		for (int back = 3; back >= 1; back--) {
			YearMonth m = now.minusMonths(back);
			report(dept, tv, m, back == 2 ? "2100" : "3120", "8400");
			if (back != 1) {
				report(dept, radio, m, "2880", "8000");
			}
			report(dept, paper, m, back == 1 ? "16800" : "24500", "60000");
			report(dept, wechat, m, "42", "96");
			report(dept, publicChannel, m, "2900", "8400");
			report(dept, bus, m, "1200", "3000");
			report(dept, website, m, "30", "80");
		}
		log.info("Demo publicity in {}: 8 outlets, 20 monthly reports", city[0]);
	}

	private void report(CurrentUser dept, long outlet, YearMonth month, String ad, String total) {
		outlets.report(dept, outlet, new MediaOutlets.ReportDraft(month.toString(), ad, total, null),
				List.of(new Upload("播出记录-" + month + ".png", new ByteArrayInputStream(scan(month)))));
	}

	/** A small log sheet image standing in for the broadcast log's scan. */
	static byte[] scan(YearMonth month) {
		BufferedImage image = new BufferedImage(240, 160, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, 240, 160);
		g.setColor(Color.DARK_GRAY);
		g.drawString("LOG " + month, 16, 24);
		for (int y = 40; y < 150; y += 14) {
			g.drawLine(16, y, 224, y);
		}
		g.dispose();
		return png(image);
	}

	private static byte[] png(BufferedImage image) {
		var out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private Optional<CurrentUser> user(String username) {
		return jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.optional()
			.map(accounts::principal);
	}

}
