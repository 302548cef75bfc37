package cn.chuangwen.evaluation.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.moments.DayHasPassed;
import org.springframework.stereotype.Component;

import cn.chuangwen.evaluation.PeriodCalendar;
import cn.chuangwen.shared.RunOnce;

/**
 * Time as an event: when Moments says a day has passed (Beijing time), the periods whose calendar
 * says they close themselves by the day that has begun are closed ({@link PeriodCalendar#closeDue}).
 * Every node hears it; one node closes them ({@link RunOnce}, per day). A failure is logged, never
 * thrown, lest it keep the other listeners of the event from running.
 */
@Component
class CalendarClosings {

	private static final Logger log = LoggerFactory.getLogger(CalendarClosings.class);

	private final PeriodCalendar calendar;

	private final RunOnce runOnce;

	CalendarClosings(PeriodCalendar calendar, RunOnce runOnce) {
		this.calendar = calendar;
		this.runOnce = runOnce;
	}

	@EventListener
	void on(DayHasPassed event) {
		var day = event.getDate().plusDays(1);
		try {
			runOnce.run("evaluation.calendar:" + day, Duration.ofHours(2), Duration.ofMinutes(10),
					() -> log.info("Evaluation periods closed by the calendar on {}: {}", day, calendar.closeDue(day)));
		}
		catch (RuntimeException ex) {
			log.error("Closing the evaluation periods due on {} failed", day, ex);
		}
	}

}
