package cn.chuangwen.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.audit.AuditChainVerifier;
import cn.chuangwen.audit.VerifyResult;
import cn.chuangwen.support.ReviewFixtures;

/**
 * The online backup of the embedded database restores: the app starts on a backup unzipped into a
 * fresh folder, with every audit event there and the hash chain verifying.
 */
@Tag(IntegrationTest.TAG)
class EmbeddedBackupIntegrationTest {

	@TempDir
	Path work;

	@Test
	void aBackupRestoresIntoAFreshFolderAndTheAuditChainVerifies() throws Exception {
		Path original = Files.createDirectories(work.resolve("original"));
		Path backups = work.resolve("backup");
		Path backup;
		long events;
		try (var app = RunningApp.inProcess(Map.of("spring.datasource.url",
				"jdbc:h2:file:" + original.resolve("chuangwen") + RunningApp.H2_OPTIONS + ";WRITE_DELAY=0",
				"chuangwen.files.root", original.resolve("files").toString(), "chuangwen.backup.directory",
				backups.toString()))) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			// the demo's events (a plan's inspectors told, findings made problems) are heard after start and
			// traced: count once they are all done, or the backup may hold one more than was counted
			ReviewFixtures.eventually(() -> jdbc.queryForObject(
					"select count(*) from event_publication where completion_date is null", Long.class) == 0);
			events = jdbc.queryForObject("select count(*) from audit_event", Long.class);
			assertThat(events).as("the demo data is traced").isPositive();
			backup = app.getBean(EmbeddedDatabaseBackup.class).backup().orElseThrow();
		}
		assertThat(backup).exists().hasParent(backups);
		assertThat(backup.getFileName().toString()).startsWith("chuangwen-").endsWith(".zip");

		Path restored = Files.createDirectories(work.resolve("restored"));
		unzip(backup, restored);
		assertThat(restored.resolve("chuangwen.mv.db")).exists();

		try (var app = RunningApp.inProcess(Map.of("spring.datasource.url",
				"jdbc:h2:file:" + restored.resolve("chuangwen") + RunningApp.H2_OPTIONS + ";WRITE_DELAY=0",
				"chuangwen.demo.enabled", "false", "chuangwen.files.root", restored.resolve("files").toString(),
				"chuangwen.backup.directory", work.resolve("backup2").toString()))) {
			assertThat(RunningApp.health(RunningApp.port(app))).isEqualTo(200);
			assertThat(app.getBean(JdbcTemplate.class).queryForObject("select count(*) from audit_event", Long.class))
				.isEqualTo(events);
			VerifyResult chain = app.getBean(AuditChainVerifier.class).verify();
			assertThat(chain.ok()).isTrue();
			assertThat(chain.checked()).isEqualTo(events);
		}
	}

	@Test
	void onlyTheNewestBackupsAreKept() throws Exception {
		for (int day = 1; day <= 9; day++) {
			Files.writeString(work.resolve("chuangwen-202611%02d-023000.zip".formatted(day)), "x");
		}
		Files.writeString(work.resolve("notes.txt"), "kept");

		var deleted = EmbeddedDatabaseBackup.prune(work, 7);

		assertThat(deleted).extracting(p -> p.getFileName().toString())
			.containsExactlyInAnyOrder("chuangwen-20261101-023000.zip", "chuangwen-20261102-023000.zip");
		try (var left = Files.list(work)) {
			assertThat(left.map(p -> p.getFileName().toString()))
				.hasSize(8)
				.contains("notes.txt", "chuangwen-20261109-023000.zip", "chuangwen-20261103-023000.zip");
		}
	}

	private static void unzip(Path zip, Path into) throws Exception {
		try (InputStream in = Files.newInputStream(zip); var entries = new ZipInputStream(in)) {
			for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				Path target = into.resolve(entry.getName()).normalize();
				assertThat(target.startsWith(into)).isTrue();
				Files.createDirectories(target.getParent());
				Files.copy(entries, target);
			}
		}
	}

}
