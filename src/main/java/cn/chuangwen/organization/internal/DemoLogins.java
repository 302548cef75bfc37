package cn.chuangwen.organization.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where the app runs and how to sign in, once it is ready (demo profile only). */
@Component
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class DemoLogins {

	private static final Logger log = LoggerFactory.getLogger(DemoLogins.class);

	private final Environment env;

	DemoLogins(Environment env) {
		this.env = env;
	}

	@EventListener(ApplicationReadyEvent.class)
	void print() {
		String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
		log.info("""

				==============================================================
				 创文 Chuangwen is running: http://localhost:{}
				 Demo logins (password {}):
				   admin.system, admin.security, admin.audit  (TOTP)
				   hubei.office
				   <city>.office (TOTP), <city>.leader, <city>.inspector, <city>.inspector2,
				   <city>.supervisor .. <city>.supervisor5, <city>.liaison, <city>.dept
				   with <city> = xiantao | tianmen | qianjiang
				 TOTP secret: {}
				==============================================================""", port, DemoData.PASSWORD,
				DemoData.TOTP_SECRET);
	}

}
