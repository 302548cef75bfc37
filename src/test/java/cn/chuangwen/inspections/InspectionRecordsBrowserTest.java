package cn.chuangwen.inspections;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.files.Upload;
import cn.chuangwen.inspections.InspectionFixtures.Point;
import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.support.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The office reads the inspection records on a desk and on a phone: the far one stands out, the photo shows. */
class InspectionRecordsBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Inspections inspections;

	@Autowired
	TestClock clock;

	static byte[] png() throws IOException {
		BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 640; x++) {
			for (int y = 0; y < 480; y++) {
				image.setRGB(x, y, ((x / 40 + y / 40) % 2 == 0) ? 0x6a8caf : 0xd9c9a3);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	@Test
	void theOfficeFindsTheFarInspectionAndItsWatermarkedPhoto() throws Exception {
		InspectionFixtures fx = new InspectionFixtures(jdbc);
		List<Point> points = fx.points("xiantao", 60, 2);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, points, "xiantao.inspector");
		var inspector = logins.principal("xiantao.inspector");
		Point far = points.get(0);
		List<ItemAnswer> answers = far.items()
			.stream()
			.map(i -> i.id() == far.items().get(0).id() ? new ItemAnswer(i.id(), ItemOutcome.DEDUCT, 2, "垃圾桶满溢")
					: new ItemAnswer(i.id(), ItemOutcome.OK, null, null))
			.toList();
		long id = inspections.submit(inspector, new InspectionSubmission("b-" + UUID.randomUUID(), plan, far.id(),
				far.lat().add(new BigDecimal("0.01")), far.lng(), clock.instant(), answers)).inspection().id();
		inspections.addPhotos(inspector, id, far.items().get(0).id(),
				List.of(new Upload("现场.png", new java.io.ByteArrayInputStream(png()))));
		Point near = points.get(1);
		inspections.submit(inspector, new InspectionSubmission("b-" + UUID.randomUUID(), plan, near.id(), near.lat(),
				near.lng(), clock.instant(),
				near.items().stream().map(i -> new ItemAnswer(i.id(), ItemOutcome.OK, null, null)).toList()));

		login("xiantao.office");
		open("/inspections/records?planId=" + plan);
		assertThat(heading()).isEqualTo("检查记录");
		assertThat(main()).contains("共 2 条检查记录").contains("过远");
		screenshots("inspection-records");
		click(By.id("far"));
		htmxIdle();
		waitForText("共 1 条检查记录");
		assertThat(driver.getCurrentUrl()).contains("far=true");

		click(By.cssSelector("#record-" + id + " td.title a"));
		waitForText("超过了本市规定的 500 米");
		assertThat(main()).contains("垃圾桶满溢").contains("不合格").contains("下载原图");
		var img = driver.findElement(By.cssSelector("#item-" + far.items().get(0).id() + " img"));
		assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("return arguments[0].naturalWidth", img)).intValue()).isPositive();
		screenshots("inspection-record");
	}

}
