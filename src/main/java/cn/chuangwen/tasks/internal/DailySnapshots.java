package cn.chuangwen.tasks.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.moments.DayHasPassed;
import org.springframework.stereotype.Component;

import cn.chuangwen.shared.RunOnce;
import cn.chuangwen.tasks.ProgressTrend;

/**
 * Time as an event: when Moments says a day has passed (in the campaign's zone,
 * {@code spring.modulith.moments.zone-id=Asia/Shanghai}), the progress snapshot of that day is
 * written. Every node hears it; one node writes it ({@link RunOnce}, per day), and a second write
 * of the day would only replace the first. Listeners of
 * this event run one after another on the publishing thread, so a failure here is logged and
 * never thrown, lest it keep the reminders of the day from going out.
 */
@Component
class DailySnapshots {

	private static final Logger log = LoggerFactory.getLogger(DailySnapshots.class);

	private final ProgressTrend trend;

	private final RunOnce runOnce;

	DailySnapshots(ProgressTrend trend, RunOnce runOnce) {
		this.trend = trend;
		this.runOnce = runOnce;
	}

	@EventListener
	void on(DayHasPassed event) {
		try {
			runOnce.run("tasks.daily-snapshots:" + event.getDate(), Duration.ofHours(2), Duration.ofMinutes(10),
					() -> trend.snapshot(event.getDate()));
		}
		catch (RuntimeException ex) {
			log.error("Progress snapshots of {} failed", event.getDate(), ex);
		}
	}

}
