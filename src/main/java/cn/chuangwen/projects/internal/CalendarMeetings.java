package cn.chuangwen.projects.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.moments.DayHasPassed;
import org.springframework.stereotype.Component;

import cn.chuangwen.projects.MeetingCalendar;
import cn.chuangwen.shared.RunOnce;

/**
 * Time as an event: when Moments says a day has passed (Beijing time), the meetings the cities'
 * calendars have due by the day that has begun are created ({@link MeetingCalendar#createDue}). Every
 * node hears it; one node creates them ({@link RunOnce}, per day). A failure is logged, never thrown,
 * lest it keep the other listeners of the event from running.
 */
@Component
class CalendarMeetings {

	private static final Logger log = LoggerFactory.getLogger(CalendarMeetings.class);

	private final MeetingCalendar calendar;

	private final RunOnce runOnce;

	CalendarMeetings(MeetingCalendar calendar, RunOnce runOnce) {
		this.calendar = calendar;
		this.runOnce = runOnce;
	}

	@EventListener
	void on(DayHasPassed event) {
		var day = event.getDate().plusDays(1);
		try {
			runOnce.run("projects.meetings:" + day, Duration.ofHours(2), Duration.ofMinutes(10),
					() -> log.info("Meetings created by the calendar on {}: {}", day, calendar.createDue(day)));
		}
		catch (RuntimeException ex) {
			log.error("Creating the meetings due on {} failed", day, ex);
		}
	}

}
