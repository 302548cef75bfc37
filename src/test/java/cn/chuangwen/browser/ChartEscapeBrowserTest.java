package cn.chuangwen.browser;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.tasks.AssignmentDraft;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names in charts are text, never markup (issue 6 §1.7): a unit named like an HTML element with an
 * event handler is planted with an assignment; its battle-map tooltip shows the name as text, no
 * element is created from it, and the handler never runs (the flag it would set stays unset).
 */
class ChartEscapeBrowserTest extends BrowserTest {

	static final String PLANTED = "<img src=x onerror=window.chartXss=1>";

	@Autowired
	Units units;

	@Autowired
	Cities cities;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	Assignments assignments;

	@Test
	void aUnitNamedLikeMarkupStaysTextInTheBattleMapTooltip() {
		CurrentUser office = logins.principal("xiantao.office");
		long cityRoot = cities.visible(office.scope()).stream().filter(c -> c.id() == office.cityId()).findFirst()
			.orElseThrow().rootUnitId();
		String name = PLANTED + System.nanoTime() % 100_000;
		UnitView town = units.create(office, new UnitDraft("XS" + System.nanoTime() % 1_000_000_000L, name,
				UnitKind.TOWN, cityRoot, null, false, "<b onmouseover=window.chartXss=2>镇长</b>", "联络", "13800007777"));
		IndicatorSystemView system = indicators.list(office.scope()).stream()
			.filter(s -> s.cityId() == office.cityId())
			.min(Comparator.comparing(IndicatorSystemView::id))
			.orElseThrow();
		List<IndicatorView> leaves = indicators.leaves(office.scope(), system.id());
		assignments.create(office, new AssignmentDraft(leaves.get(0).id(), town.id(), List.of(),
				new AssignmentView.Responsible("<svg onload=window.chartXss=3>", null, null), "达标", null,
				assignments.today().plusDays(30), List.of()));

		login("xiantao.office");
		open("/battle-map?systemId=" + system.id());
		waitForText(name);
		JavascriptExecutor js = (JavascriptExecutor) driver;
		new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> Boolean.TRUE.equals(js.executeScript(
				"var el = document.getElementById('battle-chart');"
						+ "return !!(window.echarts && el && echarts.getInstanceByDom(el));")));
		Object index = js.executeScript("""
				var chart = echarts.getInstanceByDom(document.getElementById('battle-chart'));
				var points = chart.getOption().series[0].data;
				for (var i = 0; i < points.length; i++) {
				  if (points[i].cell.unitId === arguments[0]) {
				    chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i });
				    return i;
				  }
				}
				return -1;
				""", town.id());
		assertThat(((Number) index).intValue()).as("the planted unit's cell").isNotNegative();
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(js.executeScript(
				"return document.getElementById('battle-chart').textContent.indexOf('onerror=window.chartXss') >= 0;")));
		screenshot("chart-escape-tooltip", DESKTOP);

		assertThat(js.executeScript("return document.querySelectorAll('#battle-chart img, #battle-chart svg, #battle-chart b').length;"))
			.as("elements made from the planted name").isEqualTo(0L);
		assertThat(js.executeScript("return typeof window.chartXss;")).isEqualTo("undefined");
		assertThat(js.executeScript("return document.querySelectorAll('main img[src=x], main svg[onload]').length;"))
			.as("elements made from planted names anywhere on the page").isEqualTo(0L);
	}

}
