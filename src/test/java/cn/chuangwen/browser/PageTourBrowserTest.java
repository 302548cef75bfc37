package cn.chuangwen.browser;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.support.BrowserTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page that exists today, for the roles that use it, at phone (390×844) and desktop size:
 * it renders (no error page), its navigation shows only what the role may use, and a screenshot
 * of each size is kept under target/screenshots/ to look at. At phone size the page never scrolls
 * sideways, no title, caption or card title is squeezed into a narrow column, and every chart on
 * the page (battle map, trend, roadmap) is shown.
 * <p>
 * Paths may name demo objects: {assignment} (an assignment of the user's city, of the user's own
 * unit for a liaison), {unit} (the user's unit, else the city's first town), {system} (the city's
 * first indicator system).
 */
class PageTourBrowserTest extends BrowserTest {

	static final Pattern PLACEHOLDER = Pattern.compile("\\{(assignment|unit|system)}");

	@Autowired
	JdbcClient jdbc;

	static List<Arguments> tours() {
		return List.of(
				Arguments.of("xiantao.office",
						List.of("/", "/battle-map", "/assignments", "/assignments/{assignment}", "/assignments/new",
								"/assignments/unassigned", "/assignments/import", "/roadmap", "/indicators",
								"/indicators/{system}", "/indicators/import", "/units", "/units?view=tree", "/units/{unit}",
								"/units/{unit}/letters", "/units/new", "/units/import", "/archive", "/notifications",
								"/admin/users", "/assignments/settings", "/account"),
						"账户管理", "痕迹审计"),
				Arguments.of("xiantao.liaison", List.of("/", "/assignments", "/assignments/{assignment}", "/units",
						"/units/{unit}", "/units/{unit}/letters", "/notifications", "/account"), "挂图作战", "账户管理"),
				Arguments.of("xiantao.leader", List.of("/", "/battle-map", "/assignments", "/roadmap", "/units/{unit}"),
						"挂图作战", "导入单位"),
				Arguments.of("admin.system", List.of("/", "/admin/users", "/admin/users/new"), "账户管理", "挂图作战"),
				Arguments.of("admin.security", List.of("/", "/admin/roles"), "角色", "挂图作战"),
				Arguments.of("admin.audit", List.of("/", "/audit"), "痕迹审计", "单位"),
				Arguments.of("hubei.office", List.of("/", "/units?view=tree", "/cities"), "单位", "账户管理"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tours")
	void pagesRender(String username, List<String> paths, String navShown, String navHidden) {
		login(username);
		String nav = driver.findElement(By.id("nav")).getText();
		assertThat(nav).contains(navShown);
		assertThat(List.of(nav.split("\\n"))).doesNotContain(navHidden);
		for (String template : paths) {
			String path = resolve(username, template);
			String name = "tour-" + (username + template).replaceAll("[^a-zA-Z0-9]+", "-").replaceAll("-$", "");
			driver.manage().window().setSize(PHONE);
			open(path);
			String h1 = heading();
			assertThat(h1).as(path).doesNotContain("出错").doesNotContain("找不到").doesNotContain("无权访问");
			assertThat(driver.getPageSource()).as(path).doesNotContain("??");
			phoneLayoutHolds(path);
			screenshot(name + "-phone", PHONE);
			screenshot(name + "-desktop", DESKTOP);
		}
	}

	/** At 390 px: no sideways scrolling, nothing squeezed into a narrow column, charts shown. */
	void phoneLayoutHolds(String path) {
		JavascriptExecutor js = (JavascriptExecutor) driver;
		Object overflow = js.executeScript(
				"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).as(path + ": sideways scrolling at phone width (px)").isLessThanOrEqualTo(1);
		@SuppressWarnings("unchecked")
		List<String> squeezed = (List<String>) js.executeScript("""
				var main = document.querySelector('main'), out = [];
				var width = main.clientWidth;
				document.querySelectorAll('main h1, main h2, main h3, main caption, main td.title, main th')
				  .forEach(function (el) {
				    var r = el.getBoundingClientRect(), text = el.textContent.trim();
				    if (r.width === 0 || text.length < 4) { return; }
				    var line = parseFloat(getComputedStyle(el).lineHeight) || 24;
				    // Squeezed: a narrow box that wraps its words onto more than three lines.
				    if (r.width < width * 0.4 && r.height > 3.5 * line) {
				      out.push(el.tagName + ' "' + text.slice(0, 30) + '" ' + Math.round(r.width) + 'x' + Math.round(r.height));
				    }
				  });
				return out;
				""");
		assertThat(squeezed).as(path + ": titles and captions squeezed at phone width").isEmpty();
		@SuppressWarnings("unchecked")
		List<String> hidden = (List<String>) js.executeScript("""
				var out = [];
				document.querySelectorAll('#battle-chart, #trend-chart, .roadmap').forEach(function (el) {
				  var r = el.getBoundingClientRect();
				  if (r.width < 200 || r.height < 100) { out.push((el.id || el.className) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height)); }
				});
				return out;
				""");
		assertThat(hidden).as(path + ": charts not shown at phone width").isEmpty();
	}

	String resolve(String username, String path) {
		Matcher m = PLACEHOLDER.matcher(path);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, String.valueOf(id(username, m.group(1))));
		}
		m.appendTail(out);
		return out.toString();
	}

	long id(String username, String kind) {
		Long userUnit = jdbc.sql("select unit_id from app_user where username = :u").param("u", username)
			.query(Long.class).optional().orElse(null);
		long city = jdbc.sql("select u.city_id from app_user a join unit u on u.id = a.unit_id where a.username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
		return switch (kind) {
			case "assignment" -> jdbc.sql("select min(id) from assignment where city_id = :c"
					+ (isLiaison(username) ? " and lead_unit_id = :unit" : ""))
				.param("c", city)
				.params(isLiaison(username) ? java.util.Map.of("unit", userUnit) : java.util.Map.of())
				.query(Long.class)
				.single();
			case "unit" -> isLiaison(username) ? userUnit
					: jdbc.sql("select min(id) from unit where city_id = :c and kind = 'TOWN'").param("c", city)
						.query(Long.class).single();
			default -> jdbc.sql("select min(id) from indicator_system where city_id = :c").param("c", city)
				.query(Long.class)
				.single();
		};
	}

	static boolean isLiaison(String username) {
		return username.endsWith(".liaison") || username.endsWith(".dept");
	}

}
