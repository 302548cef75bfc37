package cn.chuangwen.participation;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.participation.internal.RoundStore;
import cn.chuangwen.participation.internal.RoundWorkbook;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * Opinion collection rounds (意见征集, issue 11 §2): the office asks a question with a deadline;
 * supervisors answer signed in, the public on an anonymous page (a name and phone optional, kept for
 * the office alone); the office reads the answers and exports them. A closed round, or one past its
 * deadline, takes no answer.
 */
@Service
public class OpinionRounds {

	public static final int MAX_TOPIC = 200;

	public static final int MAX_DESCRIPTION = 4000;

	public static final int MAX_ANSWER = 2000;

	public static final int MAX_NAME = 64;

	/** A deadline further than this is a typing error, not a plan. */
	static final Duration MAX_OPEN = Duration.ofDays(366);

	private final RoundStore store;

	private final RoundWorkbook workbook;

	private final Cities cities;

	private final AuditTrail audit;

	private final Clock clock;

	public OpinionRounds(RoundStore store, RoundWorkbook workbook, Cities cities, AuditTrail audit, Clock clock) {
		this.store = store;
		this.workbook = workbook;
		this.cities = cities;
		this.audit = audit;
		this.clock = clock;
	}

	// --- the office

	/** Opens a round: a topic, a description and a deadline in the future. */
	@Transactional
	public RoundView open(CurrentUser user, String topic, String description, Instant deadline) {
		long cityId = city(user, Permissions.OPINION_MANAGE);
		List<FieldProblem> wrong = new ArrayList<>();
		String t = CitizenReports.trim(topic);
		if (t == null) {
			wrong.add(FieldProblem.of("topic", "round.error.topic.required"));
		}
		else if (t.length() > MAX_TOPIC) {
			wrong.add(FieldProblem.of("topic", "round.error.topic.long", MAX_TOPIC));
		}
		String d = CitizenReports.trim(description);
		if (d == null) {
			wrong.add(FieldProblem.of("description", "round.error.description.required"));
		}
		else if (d.length() > MAX_DESCRIPTION) {
			wrong.add(FieldProblem.of("description", "round.error.description.long", MAX_DESCRIPTION));
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (deadline == null) {
			wrong.add(FieldProblem.of("deadline", "round.error.deadline.required"));
		}
		else if (!deadline.isAfter(now)) {
			wrong.add(FieldProblem.of("deadline", "round.error.deadline.past"));
		}
		else if (deadline.isAfter(now.plus(MAX_OPEN))) {
			wrong.add(FieldProblem.of("deadline", "round.error.deadline.far", MAX_OPEN.toDays()));
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		long id = store.insert(cityId, t, d, deadline, user.username(), now);
		audit.record(AuditEntry.of("OPINION_ROUND_OPEN")
			.city(cityId)
			.object("opinionRound", id)
			.change("topic", null, t)
			.change("deadline", null, deadline)
			.change("state", null, RoundView.State.OPEN));
		return get(user, id);
	}

	/** Closes an open round before (or after) its deadline; a closed one answers 409. */
	@Transactional
	public RoundView close(CurrentUser user, long id) {
		long cityId = city(user, Permissions.OPINION_MANAGE);
		RoundView r = find(cityId, id);
		if (r.state() != RoundView.State.OPEN || store.close(id, user.username(), clock.instant()) != 1) {
			throw new ConflictException("round.error.closed");
		}
		audit.record(AuditEntry.of("OPINION_ROUND_CLOSE")
			.city(cityId)
			.object("opinionRound", id)
			.change("state", RoundView.State.OPEN, RoundView.State.CLOSED)
			.change("answers", null, r.answers()));
		return get(user, id);
	}

	/** The city's rounds, newest first: for the office and supervisors. */
	@Transactional(readOnly = true)
	public Page<RoundView> page(CurrentUser user, PageRequest page) {
		long cityId = reader(user);
		return Page.read(page, () -> store.page(cityId, page), () -> store.count(cityId));
	}

	@Transactional(readOnly = true)
	public RoundView get(CurrentUser user, long id) {
		return find(reader(user), id);
	}

	/**
	 * A page of a round's answers: the office reads all (the name and phone only with
	 * {@code participation:personal}), a supervisor their own.
	 */
	@Transactional(readOnly = true)
	public Page<RoundAnswer> answers(CurrentUser user, long id, PageRequest page) {
		RoundView r = find(reader(user), id);
		Long only = user.can(Permissions.OPINION_MANAGE) ? null : user.id();
		boolean personal = user.can(Permissions.PARTICIPATION_PERSONAL) && only == null;
		return Page.read(page, () -> store.answers(r.id(), only, page), () -> store.countAnswers(r.id(), only))
			.map(a -> personal ? a : new RoundAnswer(a.id(), a.text(), a.supervisorName(), null, null, a.createdAt()));
	}

	/**
	 * Every answer as .xlsx for the office; the personal columns only with {@code participation:personal}.
	 * Not read-only: the export itself is traced (who took the answers out, with or without personal data).
	 */
	@Transactional
	public void export(CurrentUser user, long id, OutputStream out) throws IOException {
		RoundView r = find(city(user, Permissions.OPINION_MANAGE), id);
		boolean personal = user.can(Permissions.PARTICIPATION_PERSONAL);
		workbook.write(r, personal, out);
		audit.record(AuditEntry.of("OPINION_ROUND_EXPORT")
			.city(r.cityId())
			.object("opinionRound", id)
			.change("personal", null, personal)
			.change("answers", null, r.answers()));
	}

	// --- answering

	/** A supervisor's answer, signed in. */
	@Transactional
	public RoundAnswer answer(CurrentUser user, long id, String text) {
		long cityId = city(user, Permissions.OPINION_FILE);
		RoundView r = find(cityId, id);
		String words = answerText(text, new ArrayList<>());
		Instant now = accepting(r);
		long answerId = store.insertAnswer(id, cityId, words, user.id(), null, null, now);
		audit.record(AuditEntry.of("OPINION_ROUND_ANSWER")
			.city(cityId)
			.object("opinionRound", id)
			.change("answer", null, answerId)
			.change("text", null, words));
		return new RoundAnswer(answerId, words, user.displayName(), null, null, now);
	}

	/** The public page's round of a city; 404 for another city's round or an unknown city. */
	@Transactional(readOnly = true)
	public RoundView publicRound(String cityCode, long id) {
		return find(cityOf(cityCode).id(), id);
	}

	/**
	 * An answer from the public page: text up to {@value #MAX_ANSWER} characters, a name and phone
	 * optional. The trace says whether contact details were left, never what they are (PIPL).
	 */
	@Transactional
	public void answerPublic(String cityCode, long id, String text, String name, String phone) {
		CityView city = cityOf(cityCode);
		RoundView r = find(city.id(), id);
		List<FieldProblem> wrong = new ArrayList<>();
		String who = CitizenReports.trim(name);
		if (who != null && who.length() > MAX_NAME) {
			wrong.add(FieldProblem.of("name", "round.error.name", MAX_NAME));
		}
		String tel = CitizenReports.trim(phone);
		if (tel != null && !CitizenReports.PHONE.matcher(tel).matches()) {
			wrong.add(FieldProblem.of("phone", "round.error.phone"));
		}
		String words = answerText(text, wrong);
		Instant now = accepting(r);
		long answerId = store.insertAnswer(id, city.id(), words, null, who, tel, now);
		audit.record(AuditEntry.of("OPINION_ROUND_ANSWER")
			.actor(null, null)
			.city(city.id())
			.object("opinionRound", id)
			.change("answer", null, answerId)
			.change("contact", null, who != null || tel != null ? Boolean.TRUE : null));
	}

	/** The answer's words, or 400 naming them with any other wrong field already found. */
	private static String answerText(String text, List<FieldProblem> wrong) {
		String words = CitizenReports.trim(text);
		if (words == null) {
			wrong.add(FieldProblem.of("text", "round.error.answer.required"));
		}
		else if (words.length() > MAX_ANSWER) {
			wrong.add(FieldProblem.of("text", "round.error.answer.long", MAX_ANSWER));
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		return words;
	}

	/** Now, if the round takes answers; else 409 saying why (closed, or past its deadline). */
	private Instant accepting(RoundView r) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (r.state() != RoundView.State.OPEN) {
			throw new ConflictException("round.error.closed");
		}
		if (!r.accepting(now)) {
			throw new ConflictException("round.error.past");
		}
		return now;
	}

	private RoundView find(long cityId, long id) {
		return store.find(cityId, id).orElseThrow(() -> new NotFoundException("opinionRound", id));
	}

	private CityView cityOf(String cityCode) {
		return (cityCode == null ? java.util.Optional.<CityView>empty() : cities.byCode(cityCode))
			.orElseThrow(() -> new NotFoundException("city", cityCode));
	}

	private static long reader(CurrentUser user) {
		if (!user.can(Permissions.OPINION_MANAGE) && !user.can(Permissions.OPINION_FILE)) {
			throw new AccessDeniedException(Permissions.OPINION_MANAGE);
		}
		return city(user);
	}

	private static long city(CurrentUser user, String permission) {
		if (!user.can(permission)) {
			throw new AccessDeniedException(permission);
		}
		return city(user);
	}

	private static long city(CurrentUser user) {
		if (user.cityId() == null) {
			throw new AccessDeniedException("city");
		}
		return user.cityId();
	}

}
