package cn.chuangwen.inspections;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.inspections.InspectionFixtures.Point;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.json.JsonMapper;

import static cn.chuangwen.inspections.InspectionFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A finding's photos (issue 9 §3): the original kept with its hash, a watermarked display copy beside it. */
@IntegrationTest
class InspectionPhotosIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	TestClock clock;

	@Autowired
	EvidenceStore files;

	InspectionFixtures fx;

	@BeforeEach
	void fixtures() {
		fx = new InspectionFixtures(jdbc);
	}

	static byte[] png(int width, int height, int seed) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < width; x++) {
			for (int y = 0; y < height; y++) {
				image.setRGB(x, y, ((x * 7 + y * 3 + seed) & 0xff) << 8 | 0x402000);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	/** An inspection with one finding (its first item) by xiantao.inspector, in an unannounced round. */
	long inspection(Point p) throws Exception {
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p), "xiantao.inspector");
		String answer = mvc.perform(post("/api/v1/inspections").with(logins.as("xiantao.inspector"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body("c-" + UUID.randomUUID(), plan, p, 1, 1, clock.instant(), "")))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return json.readTree(answer).get("id").asLong();
	}

	ResultActions upload(String user, long id, Object itemId, MockMultipartFile... parts) throws Exception {
		var request = multipart("/api/v1/inspections/{id}/photos", id);
		for (MockMultipartFile f : parts) {
			request.file(f);
		}
		return mvc.perform(request.param("itemId", String.valueOf(itemId)).with(logins.as(user)));
	}

	long photos(long inspectionId) {
		return jdbc.sql("select count(*) from inspection_photo where inspection_id = :i")
			.param("i", inspectionId)
			.query(Long.class)
			.single();
	}

	@Test
	void theOriginalIsKeptAsSentAndADisplayCopyCarriesTheWatermark() throws Exception {
		Point p = fx.points("xiantao", 20, 1).get(0);
		long id = inspection(p);
		long item = p.items().get(0).id();
		byte[] original = png(400, 300, 11);
		String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original));
		upload("xiantao.inspector", id, item, new MockMultipartFile("files", "现场.png", "image/png", original))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.photos.length()").value(1));
		var row = jdbc.sql("select original_file_id, display_file_id from inspection_photo where inspection_id = :i")
			.param("i", id)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
		StoredFile kept = files.find(row[0]).orElseThrow();
		StoredFile display = files.find(row[1]).orElseThrow();
		assertThat(kept.sha256()).isEqualTo(sha);
		assertThat(read(kept)).isEqualTo(original);
		byte[] marked = read(display);
		assertThat(display.sha256()).isNotEqualTo(sha);
		assertThat(marked).isNotEqualTo(original);
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(marked));
		assertThat(image.getWidth()).isEqualTo(400);
		assertThat(image.getHeight()).isEqualTo(300);
		Path shots = Path.of("target", "screenshots");
		Files.createDirectories(shots);
		Files.write(shots.resolve("inspection-watermark.jpg"), marked);

		// the record shows the display copy; the office downloads the original, the inspector does not
		String detail = mvc.perform(get("/api/v1/inspections/{id}", id).with(logins.as("xiantao.office")))
			.andExpect(jsonPath("$.results[0].photos[0].originalSha256").value(sha))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String url = json.readTree(detail).get("results").get(0).get("photos").get(0).get("url").asString();
		assertThat(mvc.perform(get(url).with(logins.as("xiantao.inspector")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray()).isEqualTo(marked);
		assertThat(mvc.perform(get(url + "/original").with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray()).isEqualTo(original);
		mvc.perform(get(url + "/original").with(logins.as("xiantao.inspector"))).andExpect(status().isForbidden());
		mvc.perform(get(url).with(logins.as("tianmen.office"))).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'INSPECTION_PHOTO_ADD' and object_id = :i")
			.param("i", String.valueOf(id))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void onlyAFindingOfTheInspectionTakesPhotosAndOnlyImagesFromItsInspectorOrTheOffice() throws Exception {
		Point p = fx.points("xiantao", 21, 1).get(0);
		long id = inspection(p);
		long finding = p.items().get(0).id();
		long passed = p.items().get(1).id();
		upload("xiantao.inspector", id, passed, new MockMultipartFile("files", "a.png", "image/png", png(20, 20, 1)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("itemId")));
		upload("xiantao.inspector", id, 999999999L, new MockMultipartFile("files", "a.png", "image/png", png(20, 20, 2)))
			.andExpect(status().isBadRequest());
		upload("xiantao.inspector", id, "x", new MockMultipartFile("files", "a.png", "image/png", png(20, 20, 3)))
			.andExpect(status().isBadRequest());
		upload("xiantao.inspector", id, finding).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("files")));
		upload("xiantao.inspector", id, finding,
				new MockMultipartFile("files", "a.png", "image/png", png(20, 20, 4)),
				new MockMultipartFile("files", "notes.txt", "text/plain", "not a photo".getBytes()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("files")));
		upload("tianmen.inspector", id, finding, new MockMultipartFile("files", "a.png", "image/png", png(20, 20, 5)))
			.andExpect(status().isNotFound());
		upload("xiantao.liaison", id, finding, new MockMultipartFile("files", "a.png", "image/png", png(20, 20, 6)))
			.andExpect(status().isForbidden());
		assertThat(photos(id)).isZero();
		// the office may add a photo to its city's finding
		upload("xiantao.office", id, finding, new MockMultipartFile("files", "b.png", "image/png", png(30, 20, 7)))
			.andExpect(status().isCreated());
		assertThat(photos(id)).isEqualTo(1);
	}

	byte[] read(StoredFile f) throws IOException {
		try (InputStream in = files.open(f)) {
			return in.readAllBytes();
		}
	}

}
