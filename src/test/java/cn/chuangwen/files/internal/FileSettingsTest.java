package cn.chuangwen.files.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** Security checklist H1: the upload policy is configuration, read from chuangwen.files.*. */
class FileSettingsTest {

	@Test
	void defaults() {
		FileSettings s = bind(Map.of());
		assertThat(s.root()).isEqualTo("./data/files");
		assertThat(s.maxSize()).isEqualTo(DataSize.ofMegabytes(20));
		assertThat(s.maxPixels()).isEqualTo(50_000_000L);
		assertThat(s.thumbnailSize()).isEqualTo(320);
		assertThat(s.maxZipEntries()).isEqualTo(10_000);
		assertThat(s.maxUnzippedSize()).isEqualTo(DataSize.ofMegabytes(512));
	}

	@Test
	void everyKeyBinds() {
		FileSettings s = bind(Map.of("chuangwen.files.root", "/srv/evidence", "chuangwen.files.max-size", "5MB",
				"chuangwen.files.max-pixels", "1000000", "chuangwen.files.thumbnail-size", "200",
				"chuangwen.files.max-zip-entries", "50", "chuangwen.files.max-unzipped-size", "100MB"));
		assertThat(s).isEqualTo(new FileSettings("/srv/evidence", DataSize.ofMegabytes(5), 1_000_000, 200, 50,
				DataSize.ofMegabytes(100)));
	}

	static FileSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("chuangwen.files",
				FileSettings.class);
	}

}
