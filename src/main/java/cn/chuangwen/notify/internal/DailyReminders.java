package cn.chuangwen.notify.internal;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.moments.DayHasPassed;
import org.springframework.stereotype.Component;

import cn.chuangwen.notify.Reminders;

/**
 * Time as an event: when Moments says a day has passed (in the campaign's zone,
 * {@code spring.modulith.moments.zone-id=Asia/Shanghai}), the reminders of the day that has just
 * begun go out. Every node hears it; the per-message claim keeps each message to one send.
 */
@Component
class DailyReminders {

	private final Reminders reminders;

	DailyReminders(Reminders reminders) {
		this.reminders = reminders;
	}

	@EventListener
	void on(DayHasPassed event) {
		reminders.runFor(event.getDate().plusDays(1));
	}

}
