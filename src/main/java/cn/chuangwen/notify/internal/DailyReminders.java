package cn.chuangwen.notify.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.moments.DayHasPassed;
import org.springframework.stereotype.Component;

import cn.chuangwen.notify.Reminders;
import cn.chuangwen.shared.RunOnce;

/**
 * Time as an event: when Moments says a day has passed (in the campaign's zone,
 * {@code spring.modulith.moments.zone-id=Asia/Shanghai}), the reminders of the day that has just
 * begun go out. Every node hears it; one node runs the day's reminders ({@link RunOnce}, per day),
 * and the per-message claim still keeps each message to one send should two runs ever overlap.
 */
@Component
class DailyReminders {

	private static final Logger log = LoggerFactory.getLogger(DailyReminders.class);

	private final Reminders reminders;

	private final RunOnce runOnce;

	DailyReminders(Reminders reminders, RunOnce runOnce) {
		this.reminders = reminders;
		this.runOnce = runOnce;
	}

	@EventListener
	void on(DayHasPassed event) {
		var day = event.getDate().plusDays(1);
		// Held ten minutes at least: the other nodes hear the same day pass a few seconds apart.
		boolean here = runOnce.run("notify.daily-reminders:" + day, Duration.ofHours(2), Duration.ofMinutes(10),
				() -> reminders.runFor(day));
		// One line per node and day: operations (and bench/two-nodes.sh) can see which node sent them.
		log.info(here ? "Daily reminders of {} ran on this node" : "Daily reminders of {} ran on another node", day);
	}

}
