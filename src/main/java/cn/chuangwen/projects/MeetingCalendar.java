package cn.chuangwen.projects;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Units;
import cn.chuangwen.projects.internal.MeetingStore;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * The meeting calendar of a city (issue 12 §3: Xiantao's joint meeting every two months, X5;
 * Tianmen's monthly consultation, T2). The office sets the rhythm (none, monthly, bimonthly from a
 * first month), the day of the month and the units asked by default; the calendar shows the next
 * meetings and creates each one {@value #LEAD_DAYS} days ahead (daily, {@code CalendarMeetings}) with
 * those units, its agenda left to the draft from data. A meeting the office already called in that
 * month counts as that month's. Changes are traced; created meetings too, by the system.
 */
@Service
public class MeetingCalendar {

	/** How many days before its day the calendar creates a meeting. */
	public static final int LEAD_DAYS = 14;

	/** Who the trail names for meetings the calendar creates. */
	public static final String ACTOR = "system";

	public enum Rhythm {
		NONE(0), MONTHLY(1), BIMONTHLY(2);

		private final int months;

		Rhythm(int months) {
			this.months = months;
		}

		public int months() {
			return months;
		}

		public String messageKey() {
			return "meeting.rhythm." + name();
		}
	}

	/** A city's rhythm as set, with its default units. */
	public record Setting(Rhythm rhythm, int dayOfMonth, YearMonth firstMonth, List<Long> unitIds, String updatedBy,
			Instant updatedAt) {
	}

	/** One coming meeting of the calendar: its day, and the meeting called for its month if there is one. */
	public record Next(LocalDate day, Long meetingId, String title) {
	}

	private final MeetingStore store;

	private final Units units;

	private final AuditTrail audit;

	private final Clock clock;

	public MeetingCalendar(MeetingStore store, Units units, AuditTrail audit, Clock clock) {
		this.store = store;
		this.units = units;
		this.audit = audit;
		this.clock = clock;
	}

	/** The rhythm of the reader's city, if the office set one. */
	@Transactional(readOnly = true)
	public Optional<Setting> setting(CurrentUser user) {
		if (user.cityId() == null || !(user.can(Permissions.PROJECT_READ) || user.can(Permissions.PROJECT_MANAGE))) {
			return Optional.empty();
		}
		return setting(user.cityId());
	}

	private Optional<Setting> setting(long cityId) {
		return store.rhythm(cityId)
			.map(r -> new Setting(Rhythm.valueOf(r.rhythm()), r.dayOfMonth(), YearMonth.from(r.startsOn()),
					store.rhythmUnits(cityId), r.updatedBy(), r.updatedAt()));
	}

	/** The next {@code count} meetings of the reader's city's calendar, from today on. */
	@Transactional(readOnly = true)
	public List<Next> next(CurrentUser user, int count) {
		Optional<Setting> s = setting(user);
		if (s.isEmpty() || s.get().rhythm() == Rhythm.NONE) {
			return List.of();
		}
		List<Next> out = new ArrayList<>();
		for (LocalDate day : days(s.get(), today(), count)) {
			YearMonth m = YearMonth.from(day);
			var called = store.firstBetween(user.cityId(), m.atDay(1), m.atEndOfMonth());
			out.add(new Next(called.map(MeetingStore.MeetingRow::heldOn).orElse(day),
					called.map(MeetingStore.MeetingRow::id).orElse(null),
					called.map(MeetingStore.MeetingRow::title).orElse(null)));
		}
		return out;
	}

	/**
	 * Sets the city's rhythm (the office): {@code rhythm} NONE, MONTHLY or BIMONTHLY; {@code day} 1–28;
	 * {@code firstMonth} yyyy-MM within a year of today (blank: this month); the default units (of the
	 * city, at least one unless NONE). 400 naming each wrong field, nothing changed. The meeting due
	 * within {@value #LEAD_DAYS} days is created at once.
	 */
	@Transactional
	public Setting set(CurrentUser user, String rhythmText, String dayText, String firstMonthText, List<Long> unitIds) {
		if (!user.can(Permissions.PROJECT_MANAGE) || user.cityId() == null) {
			throw new AccessDeniedException("project:manage");
		}
		long cityId = user.cityId();
		List<FieldProblem> bad = new ArrayList<>();
		Rhythm rhythm = null;
		try {
			rhythm = Rhythm.valueOf(Objects.requireNonNullElse(Projects.trim(rhythmText), ""));
		}
		catch (IllegalArgumentException ex) {
			bad.add(FieldProblem.of("rhythm", "meeting.error.rhythm"));
		}
		int day = 0;
		String d = Projects.trim(dayText);
		if (d != null && d.matches("[0-9]{1,2}")) {
			day = Integer.parseInt(d);
		}
		if (day < 1 || day > 28) {
			bad.add(FieldProblem.of("day", "meeting.error.day"));
		}
		YearMonth first = YearMonth.from(today());
		String f = Projects.trim(firstMonthText);
		if (f != null) {
			try {
				first = YearMonth.parse(f);
				if (first.isBefore(YearMonth.from(today()).minusYears(1))
						|| first.isAfter(YearMonth.from(today()).plusYears(1))) {
					bad.add(FieldProblem.of("firstMonth", "meeting.error.firstMonth"));
				}
			}
			catch (DateTimeParseException ex) {
				bad.add(FieldProblem.of("firstMonth", "meeting.error.firstMonth"));
			}
		}
		List<Long> wanted = unitIds == null ? new ArrayList<>() : new ArrayList<>(new LinkedHashSet<>(unitIds));
		if (wanted.contains(null) || wanted.size() > Meetings.MAX_UNITS
				|| (wanted.isEmpty() && rhythm != null && rhythm != Rhythm.NONE)) {
			bad.add(FieldProblem.of("unitIds", "meeting.error.units", Meetings.MAX_UNITS));
		}
		else if (!wanted.isEmpty() && units.findAll(user.scope(), wanted)
			.stream()
			.filter(u -> u.cityId() == cityId && u.active())
			.count() != wanted.size()) {
			bad.add(FieldProblem.of("unitIds", "meeting.error.units", Meetings.MAX_UNITS));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		store.lockRhythm(cityId);
		Optional<Setting> before = setting(cityId);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		store.saveRhythm(new MeetingStore.RhythmRow(cityId, rhythm.name(), day, first.atDay(1), user.username(), now),
				wanted);
		audit.record(AuditEntry.of("MEETING_RHYTHM_SET")
			.city(cityId)
			.object("meeting_rhythm", cityId)
			.change("rhythm", before.map(b -> b.rhythm().name()).orElse(null), rhythm.name())
			.change("day", before.map(Setting::dayOfMonth).orElse(null), day)
			.change("firstMonth", before.map(b -> b.firstMonth().toString()).orElse(null), first.toString())
			.change("units", before.map(b -> b.unitIds().size()).orElse(null), wanted.size()));
		createDue(cityId, today());
		return setting(cityId).orElseThrow();
	}

	/**
	 * Creates the meetings due by {@code today} (their day within {@value #LEAD_DAYS} days) in every
	 * city with a rhythm, unless one was called in that month already. Returns how many it created.
	 */
	@Transactional
	public int createDue(LocalDate today) {
		int created = 0;
		for (MeetingStore.RhythmRow r : store.activeRhythms()) {
			created += createDue(r.cityId(), today);
		}
		return created;
	}

	private int createDue(long cityId, LocalDate today) {
		store.lockRhythm(cityId);
		Optional<Setting> s = setting(cityId);
		if (s.isEmpty() || s.get().rhythm() == Rhythm.NONE || s.get().unitIds().isEmpty()) {
			return 0;
		}
		LocalDate day = days(s.get(), today, 1).get(0);
		YearMonth month = YearMonth.from(day);
		if (day.isAfter(today.plusDays(LEAD_DAYS))
				|| store.firstBetween(cityId, month.atDay(1), month.atEndOfMonth()).isPresent()) {
			return 0;
		}
		String title = month.getYear() + "年" + month.getMonthValue() + "月"
				+ (s.get().rhythm() == Rhythm.MONTHLY ? "创文月度会商" : "创文联席会议");
		long id = store.insert(cityId, title, day, null, ACTOR, clock.instant());
		store.insertUnits(id, s.get().unitIds());
		audit.record(AuditEntry.of("MEETING_CREATE")
			.actor(ACTOR, null)
			.city(cityId)
			.object("joint_meeting", id)
			.change("title", null, title)
			.change("heldOn", null, day)
			.change("units", null, s.get().unitIds().size())
			.reason("meeting calendar: " + s.get().rhythm().name()));
		return 1;
	}

	/** The next {@code count} meeting days of a rhythm from {@code from} on (its first month at the earliest). */
	static List<LocalDate> days(Setting s, LocalDate from, int count) {
		List<LocalDate> out = new ArrayList<>();
		YearMonth m = YearMonth.from(from).isBefore(s.firstMonth()) ? s.firstMonth() : YearMonth.from(from);
		int step = s.rhythm().months();
		long offset = ChronoUnit.MONTHS.between(s.firstMonth(), m) % step;
		if (offset != 0) {
			m = m.plusMonths(step - offset);
		}
		while (out.size() < count) {
			LocalDate day = m.atDay(s.dayOfMonth());
			if (!day.isBefore(from)) {
				out.add(day);
			}
			m = m.plusMonths(step);
		}
		return out;
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(Projects.ZONE));
	}

}
