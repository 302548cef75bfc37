package cn.chuangwen.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.support.BrowserTest;

/**
 * Issue 10 §8: a citizen answers a window unit's survey on a phone (390×844) through the unit's QR
 * link, without an account; opening the link again on the same phone the answer is refused; the
 * Xiantao office sees the response in the results (table and charts), at desk size and on a phone.
 */
class SurveyJourneyBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	record Link(long surveyId, String token, long unitId, String unitName) {
	}

	@Test
	void aCitizenAnswersOnAPhoneOnceAndTheOfficeSeesTheResult() {
		Link link = jdbc.sql("""
				select l.survey_id, l.token, l.unit_id, u.name from survey_link l join unit u on u.id = l.unit_id
				where l.survey_id = (select min(s.id) from survey s join city c on c.id = s.city_id where c.code = 'xiantao')
				order by (select count(*) from survey_response r where r.survey_id = l.survey_id and r.unit_id = l.unit_id), u.name
				limit 1""")
			.query((rs, n) -> new Link(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
			.single();
		long before = responses(link);

		// the citizen scans the poster: the form, Chinese, on a phone
		driver.manage().window().setSize(PHONE);
		open("/s/" + link.token());
		assertThat(heading()).isEqualTo("请为我们的服务评价");
		assertThat(driver.findElement(By.id("survey-unit")).getText()).isEqualTo(link.unitName());
		screenshot("survey-1-form-phone", PHONE);
		// sending without the required answers: the errors are beside the questions
		click(By.id("send-survey"));
		String errors = waitForText("请回答这道题");
		assertThat(errors).contains("请修改以下问题");
		screenshot("survey-2-errors-phone", PHONE);
		assertThat(responses(link)).isEqualTo(before);

		// a rating, the staff's attitude, what they came for and a comment
		click(By.xpath("(//div[@class='survey-rating'])[1]//label[.//strong[text()='5']]"));
		click(By.xpath("(//fieldset[.//span[contains(text(),'服务态度')]])//label[span[text()='很好']]"));
		click(By.xpath("(//div[@class='survey-rating'])[2]//label[.//strong[text()='4']]"));
		click(By.xpath("//label[span[text()='办理业务']]"));
		driver.findElement(By.cssSelector("textarea")).sendKeys("窗口工作人员耐心细致，点赞！");
		screenshot("survey-3-filled-phone", PHONE);
		click(By.id("send-survey"));
		waitForText("您的评价已提交");
		assertThat(heading()).isEqualTo("感谢您的评价");
		screenshot("survey-4-thanks-phone", PHONE);
		assertThat(responses(link)).isEqualTo(before + 1);
		assertNoSidewaysScroll();

		// the same phone opens the link again: no form, a friendly refusal, nothing counted
		open("/s/" + link.token());
		String again = waitForText("这部手机已经评价过本单位本轮的服务");
		assertThat(again).doesNotContain("提交评价");
		assertThat(driver.findElements(By.id("survey-answer"))).isEmpty();
		assertThat(heading()).isEqualTo("您已经评价过了");
		screenshot("survey-5-already-phone", PHONE);
		assertThat(responses(link)).isEqualTo(before + 1);

		// the office sees it in the results
		driver.manage().window().setSize(DESKTOP);
		login("xiantao.office");
		open("/surveys");
		assertThat(heading()).isEqualTo("满意度测评");
		screenshots("survey-6-list");
		open("/surveys/" + link.surveyId());
		String results = waitForText("各单位结果");
		assertThat(results).contains(link.unitName(), "样本不足", "满意度得分");
		String row = driver.findElement(By.xpath("//table[@id='unit-results']//tr[td/a[text()='" + link.unitName() + "']]"))
			.getText();
		assertThat(row).contains(String.valueOf(before + 1));
		new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.cssSelector(".survey-chart canvas")).isEmpty());
		screenshots("survey-7-results");
		// one unit's answers, with the comment just sent
		click(By.linkText(link.unitName()));
		String unit = waitForText("各题结果：" + link.unitName());
		assertThat(unit).contains("窗口工作人员耐心细致，点赞！");
		screenshots("survey-8-unit");
		open("/surveys/new");
		assertThat(heading()).isEqualTo("新建满意度测评");
		screenshots("survey-9-builder");
	}

	private long responses(Link link) {
		return jdbc.sql("select count(*) from survey_response where survey_id = :s and unit_id = :u")
			.param("s", link.surveyId())
			.param("u", link.unitId())
			.query(Long.class)
			.single();
	}

	private void assertNoSidewaysScroll() {
		Object overflow = ((JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth");
		assertThat(overflow).isEqualTo(Boolean.FALSE);
	}

}
