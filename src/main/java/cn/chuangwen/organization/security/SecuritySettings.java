package cn.chuangwen.organization.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Security policy values an installation may tune (chuangwen.security.*). */
@ConfigurationProperties("chuangwen.security")
public record SecuritySettings(Duration passwordMaxAge, int lockoutThreshold, Duration lockoutDuration,
		Duration sessionMaxLifetime, Duration apiTokenLifetime, String totpIssuer, int passwordHistory) {

	public SecuritySettings {
		passwordMaxAge = passwordMaxAge == null ? Duration.ofDays(90) : passwordMaxAge;
		lockoutThreshold = lockoutThreshold <= 0 ? 5 : lockoutThreshold;
		lockoutDuration = lockoutDuration == null ? Duration.ofMinutes(15) : lockoutDuration;
		sessionMaxLifetime = sessionMaxLifetime == null ? Duration.ofHours(12) : sessionMaxLifetime;
		apiTokenLifetime = apiTokenLifetime == null ? Duration.ofDays(30) : apiTokenLifetime;
		totpIssuer = totpIssuer == null ? "Chuangwen" : totpIssuer;
		passwordHistory = passwordHistory <= 0 ? 5 : passwordHistory;
	}

}
