package cn.chuangwen.publicity.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.publicity.DemonstrationSites;
import cn.chuangwen.publicity.SiteDraft;
import cn.chuangwen.publicity.SiteKind;
import cn.chuangwen.files.Upload;

/**
 * The demo's demonstration sites (示范点, T5): in each city one site of each of the seven kinds near
 * the city centre, recorded by the city office through the service with one photo each; six named
 * (with the year they were named), one left a candidate (Xiantao's park, Tianmen's enterprise,
 * Qianjiang's market). Once: a city with a site gets none.
 */
@Component
@Order(101)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class DemonstrationSiteDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemonstrationSiteDemoData.class);

	/** A demo site: kind, unit code (without the city's prefix), name, address, latitude, longitude, year, what is exemplary. */
	private record Site(SiteKind kind, String unit, String name, String address, String lat, String lng, String year,
			String text) {
	}

	private static final String COMMUNITY = "社区党群服务中心设创建宣传栏和“文明实践”长廊，楼道张贴公益广告，志愿者每周开展环境整治和文明劝导。";

	private static final String SCHOOL = "校园设“讲文明树新风”主题墙，开展“小手拉大手”文明交通和垃圾分类教育，每月评选文明班级。";

	private static final String HOSPITAL = "门诊大厅滚动播放公益广告，设志愿服务站和“一站式”服务台，推行预约诊疗和一米线文明候诊。";

	private static final String MARKET = "划行归市、明码标价，设公平秤和公益广告牌，市场管理员每日巡查“门前三包”，地面干净无积水。";

	private static final String ENTERPRISE = "厂区设诚信建设和文明创建宣传栏，开展“道德讲堂”和职工志愿服务，园区环境整洁有序。";

	private static final String WINDOW = "服务大厅设文明服务公示栏和“好差评”评价器，推行一窗受理、首问负责，工作人员统一着装、亮牌服务。";

	private static final String PARK = "园内设社会主义核心价值观主题景观小品和公益广告牌，文明游园提示规范，公厕干净，有志愿者巡查劝导。";

	private static final List<Object[]> CITIES = List.of(
			new Object[] { "xiantao", "XT", SiteKind.PUBLIC_SPACE, List.of(
					new Site(SiteKind.COMMUNITY, "T01-C01", "沙嘴街道新华社区", "仙桃市沙嘴街道新华路88号", "30.367420", "113.455310", "2022", COMMUNITY),
					new Site(SiteKind.SCHOOL, "D04", "仙桃市实验小学", "仙桃市干河街道仙桃大道中段126号", "30.372150", "113.441870", "2023", SCHOOL),
					new Site(SiteKind.HOSPITAL, "W01", "仙桃市第一人民医院", "仙桃市沙嘴街道民主路29号", "30.361080", "113.459620", "2021", HOSPITAL),
					new Site(SiteKind.MARKET, "D19", "钱沟路农贸市场", "仙桃市干河街道钱沟路52号", "30.354630", "113.447210", "2024", MARKET),
					new Site(SiteKind.ENTERPRISE, "D16", "仙桃市非织造布产业园", "仙桃市彭场镇工业园区大道1号", "30.338950", "113.482060", "2024", ENTERPRISE),
					new Site(SiteKind.WINDOW_UNIT, "W06", "仙桃市政务服务中心", "仙桃市龙华山街道仙桃大道西段8号", "30.369870", "113.430540", "2023", WINDOW),
					new Site(SiteKind.PUBLIC_SPACE, "D12", "沔阳公园", "仙桃市沙嘴街道沔阳大道与民主路交会处", "30.358210", "113.451930", null, PARK)) },
			new Object[] { "tianmen", "TM", SiteKind.ENTERPRISE, List.of(
					new Site(SiteKind.COMMUNITY, "T01-C01", "竟陵街道团结社区", "天门市竟陵街道东湖路36号", "30.662840", "113.172460", "2021", COMMUNITY),
					new Site(SiteKind.SCHOOL, "D04", "天门市实验小学", "天门市竟陵街道钟惺大道112号", "30.657310", "113.160780", "2022", SCHOOL),
					new Site(SiteKind.HOSPITAL, "W01", "天门市第一人民医院", "天门市竟陵街道东湖路1号", "30.664590", "113.178320", "2022", HOSPITAL),
					new Site(SiteKind.MARKET, "D19", "陆羽大道农贸市场", "天门市竟陵街道陆羽大道东段58号", "30.651920", "113.169540", "2023", MARKET),
					new Site(SiteKind.ENTERPRISE, "D16", "天门经济开发区文明企业", "天门市经济开发区天仙大道18号", "30.642670", "113.196810", null, ENTERPRISE),
					new Site(SiteKind.WINDOW_UNIT, "W06", "天门市政务服务中心", "天门市竟陵街道西湖路99号", "30.668450", "113.158290", "2024", WINDOW),
					new Site(SiteKind.PUBLIC_SPACE, "D12", "陆羽公园", "天门市竟陵街道西湖路与陆羽大道交会处", "30.659760", "113.153470", "2021", PARK)) },
			new Object[] { "qianjiang", "QJ", SiteKind.MARKET, List.of(
					new Site(SiteKind.COMMUNITY, "T01-C01", "园林街道兴隆社区", "潜江市园林街道兴隆路21号", "30.404650", "112.897530", "2022", COMMUNITY),
					new Site(SiteKind.SCHOOL, "D04", "潜江市实验小学", "潜江市园林街道章华中路68号", "30.408920", "112.893160", "2021", SCHOOL),
					new Site(SiteKind.HOSPITAL, "W01", "潜江市中心医院", "潜江市园林街道章华南路22号", "30.396470", "112.900840", "2023", HOSPITAL),
					new Site(SiteKind.MARKET, "D19", "园林农贸市场", "潜江市园林街道红梅路15号", "30.401280", "112.908710", null, MARKET),
					new Site(SiteKind.ENTERPRISE, "D16", "潜江小龙虾产业园示范企业", "潜江市经济开发区龙虾大道66号", "30.382140", "112.926470", "2024", ENTERPRISE),
					new Site(SiteKind.WINDOW_UNIT, "W06", "潜江市政务服务中心", "潜江市园林街道东风路1号", "30.411630", "112.904280", "2023", WINDOW),
					new Site(SiteKind.PUBLIC_SPACE, "D12", "曹禺公园", "潜江市园林街道曹禺路与章华路交会处", "30.399820", "112.887650", "2022", PARK)) });

	private final DemonstrationSites sites;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	DemonstrationSiteDemoData(DemonstrationSites sites, Accounts accounts, JdbcClient jdbc) {
		this.sites = sites;
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void run(ApplicationArguments args) {
		for (Object[] city : CITIES) {
			String code = (String) city[0];
			Optional<CurrentUser> office = user(code + ".office");
			if (office.isEmpty() || jdbc.sql("""
					select count(*) from demonstration_site s join city c on c.id = s.city_id where c.code = :c""")
				.param("c", code)
				.query(Long.class)
				.single() > 0) {
				continue;
			}
			int named = 0;
			int i = 0;
			for (Site s : (List<Site>) city[3]) {
				Long unit = jdbc.sql("select id from unit where code = :c")
					.param("c", city[1] + "-" + s.unit())
					.query(Long.class)
					.optional()
					.orElse(null);
				if (unit == null) {
					continue;
				}
				long id = sites.create(office.get(),
						new SiteDraft(s.name(), s.kind().name(), String.valueOf(unit), s.address(), s.lat(), s.lng(),
								s.text(), s.year()),
						List.of(new Upload("示范点-" + (i + 1) + ".png", new ByteArrayInputStream(photo(i++))))).id();
				if (s.kind() != city[2]) {
					sites.changeState(office.get(), id, "NAMED", null);
					named++;
				}
			}
			log.info("Demo demonstration sites in {}: {} named, 1 candidate", code, named);
		}
	}

	/** A picture standing in for a site's photo: a sky, a lawn, a building and a board. */
	static byte[] photo(int seed) {
		BufferedImage image = new BufferedImage(640, 420, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(170, 205, 238));
		g.fillRect(0, 0, 640, 240);
		g.setColor(new Color(96, 160, 90));
		g.fillRect(0, 240, 640, 180);
		Color[] walls = { new Color(214, 200, 170), new Color(190, 190, 200), new Color(230, 215, 190) };
		g.setColor(walls[seed % walls.length]);
		g.fillRect(120 + (seed % 4) * 30, 90, 300, 170);
		g.setColor(new Color(178, 34, 42));
		g.fillRect(40, 180, 120, 70);
		g.setColor(Color.WHITE);
		g.fillRect(52, 192, 96, 8);
		g.fillRect(52, 210, 80, 8);
		g.dispose();
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
