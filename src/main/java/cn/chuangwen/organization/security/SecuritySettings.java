package cn.chuangwen.organization.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Security policy values an installation may tune (chuangwen.security.*). */
@ConfigurationProperties("chuangwen.security")
public record SecuritySettings(Duration passwordMaxAge, int lockoutThreshold, Duration lockoutDuration,
		Duration sessionMaxLifetime, Duration apiTokenLifetime, String totpIssuer, int passwordHistory, Duration principalCacheTtl, int throttleFailures,
		Duration throttleWindow) {

	public SecuritySettings {
		passwordMaxAge = passwordMaxAge == null ? Duration.ofDays(90) : passwordMaxAge;
		lockoutThreshold = lockoutThreshold <= 0 ? 5 : lockoutThreshold;
		lockoutDuration = lockoutDuration == null ? Duration.ofMinutes(15) : lockoutDuration;
		sessionMaxLifetime = sessionMaxLifetime == null ? Duration.ofHours(12) : sessionMaxLifetime;
		apiTokenLifetime = apiTokenLifetime == null ? Duration.ofDays(30) : apiTokenLifetime;
		totpIssuer = totpIssuer == null ? "Chuangwen" : totpIssuer;
		passwordHistory = passwordHistory <= 0 ? 5 : passwordHistory;
		// Short: it bounds how long a change made on another node can go unnoticed here.
		principalCacheTtl = principalCacheTtl == null ? Duration.ofSeconds(30) : principalCacheTtl;
		throttleFailures = throttleFailures <= 0 ? 10 : throttleFailures;
		throttleWindow = throttleWindow == null ? Duration.ofMinutes(1) : throttleWindow;
	}

}
