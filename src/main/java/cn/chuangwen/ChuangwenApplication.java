package cn.chuangwen;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Chuangwen (创文): the system a city uses to run its National Civilized City campaign. */
// Accounts are ours (organization): no generated in-memory user from Boot.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class ChuangwenApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChuangwenApplication.class, args);
	}

	/** The one source of "now"; tests replace it to move time. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
