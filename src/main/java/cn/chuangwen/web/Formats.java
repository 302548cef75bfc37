package cn.chuangwen.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** Display formats of the UI, used from templates as {@code @formats}: times in Asia/Shanghai. */
@Component("formats")
public class Formats {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZONE);

	public String dateTime(Instant instant) {
		return instant == null ? "" : DATE_TIME.format(instant);
	}

	public String date(Instant instant) {
		return instant == null ? "" : DATE.format(instant);
	}

}
