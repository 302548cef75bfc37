package cn.chuangwen.shared.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The nightly online backup of the embedded H2 database ({@code chuangwen.backup.*}); on
 * PostgreSQL it does nothing (back up with {@code pg_dump}, see docs/operations.md).
 *
 * @param enabled whether the nightly job runs
 * @param directory where the backups go ({@code ./data/backup})
 * @param keep how many backups to keep, newest first
 * @param cron when the job runs (Spring cron, six fields)
 * @param zone the zone of the cron expression
 */
@ConfigurationProperties("chuangwen.backup")
public record BackupSettings(boolean enabled, String directory, int keep, String cron, String zone) {

	public BackupSettings {
		directory = directory == null || directory.isBlank() ? "./data/backup" : directory;
		keep = keep <= 0 ? 7 : keep;
		cron = cron == null || cron.isBlank() ? "0 30 2 * * *" : cron;
		zone = zone == null || zone.isBlank() ? "Asia/Shanghai" : zone;
	}

}
