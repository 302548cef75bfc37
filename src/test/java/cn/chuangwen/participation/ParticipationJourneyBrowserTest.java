package cn.chuangwen.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.GpsDirectory;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.problems.ProblemDetail;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.support.ExifJpeg;
import cn.chuangwen.support.TestClock;

/**
 * Issue 11 §8, the whole journey on a phone (390×844) through the real pages: a citizen reports a
 * pile of rubbish with a photo carrying its GPS position, located by the phone and corrected by a tap
 * on the map, and gets a tracking code; a second citizen 100 m away is offered that report and says
 * "me too"; the city office accepts it and routing gives it to the town the place lies in (the
 * nearest field points are a town's, none within 50 m); the town's liaison signs for it and rectifies
 * it with an "after" photo with GPS; the office passes it; the citizen's page says 已解决, the citizen
 * rates it and a second rating (from a page still open) is refused; the office publishes it on the
 * exposure column, the public page shows both photos, and the public "after" photo, fetched over
 * HTTP, has no EXIF at all while the original kept its GPS. Screenshots under
 * target/screenshots/participation-journey-*.png.
 */
class ParticipationJourneyBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	Problems problems;

	@Autowired
	EvidenceStore files;

	record Point(String name, long townId, double lat, double lng) {
	}

	WebDriverWait await() {
		return new WebDriverWait(driver, Duration.ofSeconds(15));
	}

	@Test
	void rubbishReportedMeTooAcceptedRoutedToTheTownRectifiedSolvedRatedAndExposedWithoutGps() throws Exception {
		driver.manage().window().setSize(PHONE);
		CurrentUser liaison = logins.principal("xiantao.liaison");
		String town = jdbc.sql("select name from unit where id = :id").param("id", liaison.unitId()).query(String.class).single();
		GeoPoint place = placeInTown(liaison.unitId());
		double lat = place.latitude().doubleValue();
		double lng = place.longitude().doubleValue();
		String words = "路口一大堆生活垃圾，好几天没人清运 " + System.nanoTime();

		// 1. The first citizen: a photo with its GPS position, the phone's location corrected by a tap
		// on the map a little to the east, the category and the words: a tracking code.
		Path before = photo("before", lat, lng);
		locateAt(lat, lng);
		open("/public/reports/xiantao/new");
		assertThat(heading()).contains("随手拍");
		driver.findElement(By.id("files")).sendKeys(before.toString());
		await().until(d -> d.findElements(By.cssSelector("#chosen-photos li")).size() == 1);
		new Select(driver.findElement(By.id("category"))).selectByVisibleText("环境卫生");
		click(By.id("use-location"));
		await().until(d -> !d.findElement(By.id("lat")).getDomProperty("value").isEmpty());
		WebElement map = driver.findElement(By.id("report-map"));
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", map);
		// the map flies to the phone's place: tap once it stands still (beside the marker, which takes its own taps)
		await().until(d -> d.findElements(By.cssSelector("#report-map .leaflet-zoom-anim, #report-map .leaflet-pan-anim")).isEmpty()
				&& d.findElements(By.cssSelector("#report-map .leaflet-marker-icon")).size() == 1);
		String located = driver.findElement(By.id("lng")).getDomProperty("value");
		new Actions(driver).moveToElement(map, 30, 0).click().perform();
		await().until(d -> !located.equals(d.findElement(By.id("lng")).getDomProperty("value")));
		double tappedLat = Double.parseDouble(driver.findElement(By.id("lat")).getDomProperty("value"));
		double tappedLng = Double.parseDouble(driver.findElement(By.id("lng")).getDomProperty("value"));
		assertThat(tappedLng).as("a tap east of the marker").isGreaterThan(lng);
		assertThat(GeoPoint.of(tappedLat, tappedLng).metresTo(place)).as("metres from the located place").isLessThan(60);
		assertThat(driver.findElement(By.id("chosen-place")).getText()).contains(String.format("%.6f", tappedLat));
		screenshot("participation-journey-01-report-map", PHONE);
		driver.findElement(By.id("address")).sendKeys("仙桃大道与建设路路口");
		driver.findElement(By.id("description")).sendKeys(words);
		screenshot("participation-journey-01-report-words", PHONE);
		click(By.id("send-report"));
		await().until(ExpectedConditions.urlContains("/sent"));
		String code = driver.findElement(By.id("tracking-code")).getText();
		assertThat(code).matches("XT-R-\\d{4}-\\d{6}");
		screenshot("participation-journey-02-tracking-code", PHONE);

		// 2. A second citizen 100 m north, same category: offered the first report, says "me too".
		driver.manage().deleteAllCookies();
		locateAt(tappedLat + 0.0009, tappedLng);
		open("/public/reports/xiantao/new");
		new Select(driver.findElement(By.id("category"))).selectByVisibleText("环境卫生");
		click(By.id("use-location"));
		await().until(d -> d.findElement(By.id("nearby")).isDisplayed()
				&& !d.findElements(By.cssSelector("#nearby-list button[data-code='" + code + "']")).isEmpty());
		assertThat(driver.findElement(By.id("nearby")).getText()).contains("是否与以下问题相同？").contains(code).contains("已收到");
		WebElement offer = driver.findElement(By.cssSelector("#nearby-list button[data-code='" + code + "']"));
		String distance = offer.findElement(By.xpath("preceding-sibling::span")).getText();
		assertThat(Integer.parseInt(distance.replaceAll("\\D*(\\d+)\\s*米.*", "$1"))).as(distance).isBetween(90, 110);
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", offer);
		screenshot("participation-journey-03-same-report-offered", PHONE);
		offer.click();
		await().until(ExpectedConditions.urlToBe(url("/public/reports/xiantao/" + code)));
		assertThat(driver.findElement(By.id("supporters")).getText()).isEqualTo("1");
		assertThat(jdbc.sql("select count(*) from citizen_report where description = :d").param("d", words)
			.query(Integer.class).single()).as("the me too sent no second report").isEqualTo(1);
		screenshot("participation-journey-04-me-too", PHONE);

		// 3. The office opens it, reads where routing sends it (the town the place lies in) and accepts.
		login("xiantao.office");
		open("/participation/reports?q=" + code);
		waitForText("共 1 条");
		click(By.linkText(code));
		waitForText("受理并交办");
		assertThat(driver.findElement(By.id("suggestion")).getText()).contains(town).contains("所在镇街");
		screenshot("participation-journey-05-office-report", PHONE);
		click(By.id("accept"));
		waitForText("已受理，转为问题");
		assertThat(main()).contains("已受理，已交由" + town + "办理。");
		assertThat(driver.findElement(By.id("report-state")).getText()).isEqualTo("已受理");
		screenshot("participation-journey-06-accepted", PHONE);
		click(By.id("problem-link"));
		waitForText(town);
		assertThat(driver.findElement(By.id("problem-state")).getText()).isEqualTo("待签收");
		assertThat(driver.findElements(By.cssSelector("#photos-before img"))).hasSize(1);
		String problemUrl = driver.getCurrentUrl();
		long problemId = Long.parseLong(problemUrl.replaceAll(".*/problems/(\\d+).*", "$1"));
		logout();

		// 4. The town's liaison signs for it and rectifies it with a photo after, taken at the place.
		login("xiantao.liaison");
		driver.get(problemUrl);
		click(By.id("sign"));
		waitForText("已签收，请按期整改");
		driver.findElement(By.id("rectify-text")).sendKeys("已组织环卫工人清运垃圾并冲洗地面");
		driver.findElement(By.id("rectify-files")).sendKeys(photo("after", tappedLat + 0.0001, tappedLng).toString());
		click(By.cssSelector("#rectify button[type=submit]"));
		waitForText("整改已提交，等待核查");
		screenshot("participation-journey-07-rectified", PHONE);
		logout();

		// the office passes it: closed
		login("xiantao.office");
		driver.get(problemUrl);
		click(By.id("verify-pass"));
		waitForText("核查通过，问题已销号");
		assertThat(driver.findElement(By.id("problem-state")).getText()).isEqualTo("已销号");
		screenshot("participation-journey-08-closed", PHONE);
		logout();

		// 5. The citizen's page follows the problem (after its events): 已解决, then the rating.
		driver.manage().deleteAllCookies();
		String follow = url("/public/reports/xiantao/" + code);
		driver.get(follow);
		new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
			if (d.findElements(By.cssSelector("#report-steps li.current")).stream().anyMatch(li -> li.getText().contains("已解决"))) {
				return true;
			}
			d.navigate().refresh();
			return false;
		});
		assertThat(driver.findElement(By.id("report-updates")).getText()).contains("已交由" + town + "办理")
			.contains("正在整改")
			.contains("问题已解决");
		assertThat(driver.findElements(By.id("support"))).as("no me too once solved").isEmpty();
		// the same page open in a second tab (a second try later, or a second phone)
		String first = driver.getWindowHandle();
		driver.switchTo().newWindow(WindowType.TAB);
		driver.get(follow);
		String second = driver.getWindowHandle();
		driver.switchTo().window(first);
		WebElement rate = driver.findElement(By.id("rate"));
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", rate);
		click(By.cssSelector("label.star:has(#stars-5)"));
		assertThat(driver.findElement(By.id("stars-5")).isSelected()).isTrue();
		screenshot("participation-journey-09-solved-rating", PHONE);
		click(By.id("rate"));
		waitForText("评价已提交");
		assertThat(driver.findElement(By.id("rated")).getText()).contains("您的评价：5 星");
		assertThat(driver.findElements(By.id("rating-form"))).isEmpty();
		screenshot("participation-journey-10-rated", PHONE);
		driver.switchTo().window(second);
		driver.manage().window().setSize(PHONE);
		click(By.cssSelector("label.star:has(#stars-1)"));
		click(By.id("rate"));
		String refused = waitForText("这条反映已经评价过了");
		assertThat(driver.findElement(By.id("rating-refused")).getText()).contains("每条只能评价一次");
		assertThat(refused).contains("您的评价：5 星").doesNotContain("1 星。");
		assertThat(jdbc.sql("select rating from citizen_report where code = :c").param("c", code).query(Integer.class).single())
			.isEqualTo(5);
		screenshot("participation-journey-11-second-rating-refused", PHONE);
		driver.close();
		driver.switchTo().window(first);

		// 6. The office publishes it on the exposure column with its photos before and after.
		login("xiantao.office");
		driver.get(problemUrl);
		click(By.id("publish-exposure"));
		waitForText("发布到曝光台");
		WebElement title = driver.findElement(By.id("title"));
		title.clear();
		title.sendKeys("路口生活垃圾堆积，群众反映后已清运 " + code);
		ProblemDetail detail = problems.get(logins.principal("xiantao.office"), problemId);
		ProblemDetail.Photo beforePhoto = detail.beforePhotos().get(0);
		ProblemDetail.Photo afterPhoto = detail.rectifications().get(0).photos().get(0);
		assertThat(driver.findElement(By.id("beforePhotos-" + beforePhoto.id())).isSelected()).isTrue();
		assertThat(driver.findElement(By.id("afterPhotos-" + afterPhoto.id())).isSelected()).isTrue();
		screenshot("participation-journey-12-publish-form", PHONE);
		click(By.id("exposure-submit"));
		waitForText("已发布到曝光台");
		logout();

		// anyone: the column lists it, its page shows the unit, 已整改 and both photos
		driver.manage().deleteAllCookies();
		open("/public/exposure/xiantao");
		waitForText(code);
		screenshot("participation-journey-13-exposure-list", PHONE);
		click(By.xpath("//a[contains(@class,'exposure-link')][contains(., '" + code + "')]"));
		waitForText("已整改");
		assertThat(heading()).contains(code);
		assertThat(driver.findElement(By.id("exposure-unit")).getText()).contains(town);
		WebElement shownBefore = driver.findElement(By.cssSelector("#exposure-before img"));
		WebElement shownAfter = driver.findElement(By.cssSelector("#exposure-after img"));
		await().until(d -> loaded(shownBefore) && loaded(shownAfter));
		screenshot("participation-journey-14-exposure-item", PHONE);
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", shownAfter);
		screenshot("participation-journey-15-exposure-after-photo", PHONE);

		// the public photo after, as anyone downloads it: a JPEG without any EXIF, so without GPS
		HttpResponse<byte[]> download = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(shownAfter.getAttribute("src"))).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/jpeg"));
		Metadata published = ImageMetadataReader.readMetadata(new ByteArrayInputStream(download.body()));
		assertThat(published.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
		List<String> exif = new ArrayList<>();
		for (Directory d : published.getDirectories()) {
			if (d instanceof ExifDirectoryBase) {
				exif.add(d.getName());
			}
		}
		assertThat(exif).as("EXIF directories of the public photo after").isEmpty();
		// while the liaison's original kept its position
		StoredFile original = files.find(afterPhoto.fileId()).orElseThrow();
		try (InputStream in = files.open(original)) {
			GpsDirectory gps = ImageMetadataReader.readMetadata(in).getFirstDirectoryOfType(GpsDirectory.class);
			assertThat(gps).as("GPS of the original photo after").isNotNull();
			assertThat(gps.getGeoLocation().getLatitude()).isCloseTo(tappedLat + 0.0001, Offset.offset(1e-4));
		}
	}

	/**
	 * A place in the town of the liaison that routing gives to the town, not to a point's unit: its
	 * nearest active field point is the town's, 150 m or more away, and every other town's points are
	 * 200 m farther still, so a tap a few dozen metres off keeps both true.
	 */
	private GeoPoint placeInTown(long townId) {
		List<Point> points = jdbc.sql("""
				select f.name, f.town_id, f.lat, f.lng from field_point f join city c on c.id = f.city_id
				where c.code = 'xiantao' and f.active = true order by f.id""")
			.query((rs, n) -> new Point(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4)))
			.list();
		GeoPoint.Box area = jdbc.sql("""
				select a.min_lat, a.max_lat, a.min_lng, a.max_lng from field_point_area a join city c on c.id = a.city_id
				where c.code = 'xiantao'""")
			.query((rs, n) -> new GeoPoint.Box(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
			.single();
		double[][] offsets = { { 0.0018, 0 }, { -0.0018, 0 }, { 0, 0.0021 }, { 0, -0.0021 }, { 0.0013, 0.0015 },
				{ -0.0013, -0.0015 }, { 0.0013, -0.0015 }, { -0.0013, 0.0015 } };
		for (Point p : points) {
			if (p.townId() != townId) {
				continue;
			}
			for (double[] o : offsets) {
				GeoPoint candidate = GeoPoint.of(p.lat() + o[0], p.lng() + o[1]);
				if (!area.contains(candidate)) {
					continue;
				}
				double ours = Double.MAX_VALUE;
				double others = Double.MAX_VALUE;
				for (Point q : points) {
					double m = candidate.metresTo(GeoPoint.of(q.lat(), q.lng()));
					if (q.townId() == townId) {
						ours = Math.min(ours, m);
					}
					else {
						others = Math.min(others, m);
					}
				}
				if (ours >= 150 && ours <= 1500 && others >= ours + 200) {
					return candidate;
				}
			}
		}
		throw new AssertionError("no place in town " + townId + " away from every field point");
	}

	/** Tells Chromium where the phone is, and lets the page ask. */
	private void locateAt(double lat, double lng) {
		ChromeDriver chrome = (ChromeDriver) driver;
		chrome.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation"), "origin", url("")));
		chrome.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", lat, "longitude", lng, "accuracy", 10));
	}

	/** A camera photo taken now at the place, unique so no two are duplicates. */
	private Path photo(String name, double lat, double lng) throws IOException {
		Path file = Files.createTempFile("journey-" + name + "-", ".jpg");
		file.toFile().deleteOnExit();
		Files.write(file, ExifJpeg.photo(640, 480).capturedAt(clock.instant()).place(lat, lng)
			.description(name + " " + System.nanoTime()).bytes());
		return file;
	}

	private boolean loaded(WebElement img) {
		return (Boolean) ((JavascriptExecutor) driver)
			.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", img);
	}

}
