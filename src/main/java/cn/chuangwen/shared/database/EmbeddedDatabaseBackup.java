package cn.chuangwen.shared.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The nightly online backup of the embedded database: H2's {@code BACKUP TO} writes a consistent
 * ZIP of the database file while the app keeps serving. Only for an H2 file database; the newest
 * {@link BackupSettings#keep()} backups are kept. Restore: stop the app, unzip one backup into
 * {@code ./data/} (docs/operations.md).
 */
@Component
public class EmbeddedDatabaseBackup {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseBackup.class);

	static final String PREFIX = "chuangwen-";

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final DataSource dataSource;

	private final BackupSettings settings;

	private final Clock clock;

	EmbeddedDatabaseBackup(DataSource dataSource, BackupSettings settings, Clock clock) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(cron = "${chuangwen.backup.cron:0 30 2 * * *}", zone = "${chuangwen.backup.zone:Asia/Shanghai}")
	@SchedulerLock(name = "shared.embedded-backup", lockAtMostFor = "PT2H", lockAtLeastFor = "PT5M")
	public void nightly() {
		if (!settings.enabled()) {
			return;
		}
		try {
			backup().ifPresent(file -> log.info("Embedded database backed up to {}", file));
		}
		catch (IOException | RuntimeException ex) {
			log.error("Backup of the embedded database failed", ex);
		}
	}

	/** True when the datasource is an H2 database in a file (not in memory, not PostgreSQL). */
	public boolean applies() {
		try (var connection = dataSource.getConnection()) {
			String url = connection.getMetaData().getURL();
			return url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/** Backs the embedded database up now; empty when the datasource is not an H2 file. */
	public Optional<Path> backup() throws IOException {
		if (!applies()) {
			return Optional.empty();
		}
		Path dir = Files.createDirectories(Path.of(settings.directory()).toAbsolutePath().normalize());
		Path target = dir.resolve(PREFIX + STAMP.format(clock.instant()) + ".zip");
		Path partial = dir.resolve(target.getFileName() + ".part");
		Files.deleteIfExists(partial);
		// The path is ours (settings and a timestamp), never user input; quotes are doubled anyway.
		new JdbcTemplate(dataSource).execute("BACKUP TO '" + partial.toString().replace("'", "''") + "'");
		// Renamed when complete, so a crash mid-backup never leaves a ZIP that looks whole.
		Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		prune(dir, settings.keep());
		return Optional.of(target);
	}

	/** Deletes all but the newest {@code keep} backups (names sort by time). */
	static List<Path> prune(Path dir, int keep) throws IOException {
		List<Path> backups;
		try (Stream<Path> files = Files.list(dir)) {
			backups = files
				.filter(p -> p.getFileName().toString().startsWith(PREFIX) && p.getFileName().toString().endsWith(".zip"))
				.sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
				.toList();
		}
		List<Path> old = backups.stream().skip(keep).toList();
		for (Path p : old) {
			Files.deleteIfExists(p);
		}
		return old;
	}

}
