package cn.chuangwen.notify.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.chuangwen.notify.SmsGateway;

/** The default gateway: one log line per message, the number masked (138****1234), never in full. */
class LoggingSmsGateway implements SmsGateway {

	private static final Logger log = LoggerFactory.getLogger(LoggingSmsGateway.class);

	@Override
	public void send(String phone, String text) {
		log.info("SMS to {}: {}", Masks.phone(phone), ReminderTexts.oneLine(Masks.scrub(text, 1000, phone, null)));
	}

}
