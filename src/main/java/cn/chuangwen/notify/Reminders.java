package cn.chuangwen.notify;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.notify.NotificationChannel.Target;
import cn.chuangwen.notify.internal.Masks;
import cn.chuangwen.notify.internal.NotificationStore;
import cn.chuangwen.notify.internal.ReminderTexts;
import cn.chuangwen.notify.internal.SystemUsers;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.UserView;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;

/**
 * Deadline reminders (到期提醒), once a day: for every city, each assignment not signed off whose
 * deadline is exactly 7, 3 or 1 days away, or has passed (again every day while overdue), is
 * sent to the lead unit's liaison accounts (in the app, and by e-mail where they gave an address)
 * and to its responsible person (by text message). Running twice on a day sends nothing twice:
 * each message is claimed by its row before it is sent. A channel that fails has its error
 * recorded on the row and does not stop the others; a later run that day tries it again.
 */
@Service
public class Reminders {

	/** The name the trace records for runs started by the passage of time. */
	public static final String ACTOR = SystemUsers.ACTOR;

	private static final Logger log = LoggerFactory.getLogger(Reminders.class);

	private final Assignments assignments;

	private final Cities cities;

	private final Units units;

	private final Accounts accounts;

	private final List<NotificationChannel> channels;

	private final NotificationStore store;

	private final ReminderTexts texts;

	private final AuditTrail audit;

	private final Clock clock;

	public Reminders(Assignments assignments, Cities cities, Units units, Accounts accounts,
			List<NotificationChannel> channels, NotificationStore store, ReminderTexts texts, AuditTrail audit,
			Clock clock) {
		this.assignments = assignments;
		this.cities = cities;
		this.units = units;
		this.accounts = accounts;
		this.channels = List.copyOf(channels);
		this.store = store;
		this.texts = texts;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Sends the reminders of {@code day} (a campaign day, Asia/Shanghai) in every city. Never runs
	 * inside a caller's transaction: each message is claimed and recorded on its own, so a message
	 * that went out is never rolled back into "not sent".
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public List<CityRun> runFor(LocalDate day) {
		List<CityRun> runs = new ArrayList<>();
		for (CityView city : cities.visible(DataScope.all())) {
			try {
				runs.add(runFor(day, city));
			}
			catch (RuntimeException ex) {
				// One city's failure must not keep the reminders of the others from going out.
				log.error("Reminders for city {} on {} failed", city.code(), day, ex);
			}
		}
		return runs;
	}

	private CityRun runFor(LocalDate day, CityView city) {
		CurrentUser system = systemUser(city);
		List<AssignmentView> list = assignments.dueOrOverdue(system, city.id(), day);
		Map<Long, List<Recipient>> liaisons = new HashMap<>();
		Map<ReminderKind, Integer> kinds = new EnumMap<>(ReminderKind.class);
		int matched = 0, sent = 0, failed = 0, already = 0;
		for (AssignmentView a : list) {
			if (a.signedOffAt() != null) {
				continue;
			}
			Optional<ReminderKind> kind = ReminderKind.on(a.deadline(), day);
			if (kind.isEmpty()) {
				continue;
			}
			matched++;
			kinds.merge(kind.get(), 1, Integer::sum);
			Reminder reminder = texts.reminder(a, kind.get(), day);
			List<Recipient> recipients = new ArrayList<>(
					liaisons.computeIfAbsent(a.leadUnitId(), unitId -> liaisonsOf(system, unitId)));
			var responsible = a.responsible();
			if (responsible != null && responsible.phone() != null && !responsible.phone().isBlank()) {
				recipients.add(Recipient.person(responsible.name(), responsible.phone()));
			}
			for (Recipient recipient : recipients) {
				for (NotificationChannel channel : channels) {
					switch (deliver(channel, recipient, reminder)) {
						case SENT -> sent++;
						case FAILED -> failed++;
						case ALREADY -> already++;
						case NONE -> {
						}
					}
				}
			}
		}
		CityRun run = new CityRun(city.id(), day, matched, sent, failed, already);
		audit.record(AuditEntry.of("REMINDERS_RUN")
			.city(city.id())
			.object("city", city.id())
			.actor(ACTOR, null)
			.change("day", null, day)
			.change("due7", null, kinds.getOrDefault(ReminderKind.DUE_7, 0))
			.change("due3", null, kinds.getOrDefault(ReminderKind.DUE_3, 0))
			.change("due1", null, kinds.getOrDefault(ReminderKind.DUE_1, 0))
			.change("overdue", null, kinds.getOrDefault(ReminderKind.OVERDUE, 0))
			.change("sent", null, sent)
			.change("failed", null, failed)
			.change("alreadySent", null, already));
		if (failed > 0) {
			log.warn("Reminders for city {} on {}: {} sent, {} failed", city.code(), day, sent, failed);
		}
		return run;
	}

	private enum Outcome {
		SENT, FAILED, ALREADY, NONE
	}

	private Outcome deliver(NotificationChannel channel, Recipient recipient, Reminder reminder) {
		Optional<Target> target = channel.target(recipient);
		if (target.isEmpty()) {
			return Outcome.NONE;
		}
		OptionalLong id = store.claim(recipient.userId(), channel.channel(), target.get(), reminder, clock.instant());
		if (id.isEmpty()) {
			id = store.reclaimFailed(channel.channel(), target.get(), reminder);
			if (id.isEmpty()) {
				return Outcome.ALREADY;
			}
		}
		try {
			channel.send(recipient, reminder);
			store.delivered(id.getAsLong());
			return Outcome.SENT;
		}
		catch (Exception ex) {
			String error = Masks.scrub(ex.getClass().getSimpleName() + ": " + ex.getMessage(), 500, recipient.phone(),
					recipient.email());
			store.failed(id.getAsLong(), error);
			log.warn("Reminder {} by {} to {} failed: {}", id.getAsLong(), channel.channel(),
					target.get().maskedAddress() != null ? target.get().maskedAddress() : target.get().recipient(), error);
			return Outcome.FAILED;
		}
	}

	/** The enabled liaison accounts (联络员) of a unit, with the e-mail each gave for reminders. */
	private List<Recipient> liaisonsOf(CurrentUser system, long unitId) {
		Optional<UnitView> unit = units.find(system.scope(), unitId);
		if (unit.isEmpty()) {
			return List.of();
		}
		List<UserView> people = accounts.peopleOf(system, unit.get())
			.stream()
			.filter(u -> u.enabled() && u.roles().contains(Role.UNIT_LIAISON) && u.unitId() != null
					&& u.unitId() == unitId)
			.toList();
		Map<Long, String> emails = store.emails(people.stream().map(UserView::id).toList());
		return people.stream()
			.map(u -> Recipient.account(u.id(), u.username(), u.displayName(), emails.get(u.id())))
			.toList();
	}

	/** Who reads a city's assignments for a run (see {@link SystemUsers#reader}). */
	static CurrentUser systemUser(CityView city) {
		return SystemUsers.reader(city.id(), city.code(), city.name());
	}

}
