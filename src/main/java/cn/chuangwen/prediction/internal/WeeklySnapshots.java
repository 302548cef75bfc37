package cn.chuangwen.prediction.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.moments.WeekHasPassed;
import org.springframework.stereotype.Component;

import cn.chuangwen.prediction.Predictions;
import cn.chuangwen.shared.RunOnce;

/**
 * Time as an event: when Moments says a week has passed, every city's prediction at the end of that
 * ISO week is stored for the trend ({@link Predictions#snapshotWeek}). Every node hears it; one node
 * writes it ({@link RunOnce}, per week), and a second write of the week stores nothing. A failure is
 * logged and never thrown, lest it keep the other listeners of the event from running.
 */
@Component
class WeeklySnapshots {

	private static final Logger log = LoggerFactory.getLogger(WeeklySnapshots.class);

	private final Predictions predictions;

	private final RunOnce runOnce;

	WeeklySnapshots(Predictions predictions, RunOnce runOnce) {
		this.predictions = predictions;
		this.runOnce = runOnce;
	}

	@EventListener
	void on(WeekHasPassed event) {
		String week = Predictions.week(event.getEndDate());
		try {
			runOnce.run("prediction.weekly-snapshots:" + week, Duration.ofHours(2), Duration.ofMinutes(10),
					() -> log.info("Prediction snapshots of {}: {} cities", week,
							predictions.snapshotWeek(event.getEndDate(), false)));
		}
		catch (RuntimeException ex) {
			log.error("Prediction snapshots of {} failed", week, ex);
		}
	}

}
