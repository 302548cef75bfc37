package cn.chuangwen.browser;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

import cn.chuangwen.support.BrowserTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every main page for the roles that use it, at phone and desktop size: it renders (no error
 * page), its navigation shows only what the role may use, and a screenshot is kept to look at.
 */
class PageTourBrowserTest extends BrowserTest {

	static List<Arguments> tours() {
		return List.of(
				Arguments.of("xiantao.office", List.of("/", "/battle-map", "/assignments", "/roadmap", "/indicators",
						"/units", "/admin/users", "/assignments/settings", "/account"), "账户管理", "痕迹审计"),
				Arguments.of("xiantao.liaison", List.of("/", "/assignments", "/units"), "挂图作战", "账户管理"),
				Arguments.of("xiantao.leader", List.of("/", "/battle-map"), "挂图作战", "导入单位"),
				Arguments.of("admin.audit", List.of("/", "/audit"), "痕迹审计", "单位"),
				Arguments.of("hubei.office", List.of("/", "/units?view=tree"), "单位", "账户管理"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tours")
	void pagesRender(String username, List<String> paths, String navShown, String navHidden) {
		login(username);
		String nav = driver.findElement(By.id("nav")).getText();
		assertThat(nav).contains(navShown);
		assertThat(List.of(nav.split("\\n"))).doesNotContain(navHidden);
		for (String path : paths) {
			open(path);
			String h1 = heading();
			assertThat(h1).as(path).doesNotContain("出错").doesNotContain("找不到").doesNotContain("无权访问");
			assertThat(driver.getPageSource()).as(path).doesNotContain("??");
			String name = (username + path).replaceAll("[^a-zA-Z0-9]+", "-").replaceAll("-$", "");
			screenshots("tour-" + name);
		}
	}

}
