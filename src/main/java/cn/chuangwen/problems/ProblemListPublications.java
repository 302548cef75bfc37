package cn.chuangwen.problems;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.problems.ProblemLists.Band;
import cn.chuangwen.problems.ProblemLists.Line;
import cn.chuangwen.problems.ProblemLists.Period;
import cn.chuangwen.problems.internal.ListPublicationStore;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * Publishing the red/yellow/green list (红黄绿榜, issue 8 §4). The office freezes a period's list
 * once the period has ended; every account of the city (the units included) then reads the same
 * figures, whatever changes later. A correction is a new version with its reason. The liaisons of
 * the units on the red list are told.
 */
@Service
public class ProblemListPublications {

	public static final int MAX_REASON = 500;

	/** A publication: which period, which version, when, by whom and (for a correction) why. */
	public record Publication(long id, String period, int version, Instant publishedAt, String publishedBy,
			String reason) {
	}

	/** A published list: the publication and its lines, of one ranking group or all. */
	public record PublishedList(Publication publication, List<Line> lines) {
	}

	private final ListPublicationStore store;

	private final ProblemLists lists;

	private final Cities cities;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public ProblemListPublications(ListPublicationStore store, ProblemLists lists, Cities cities, AuditTrail audit,
			ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.lists = lists;
		this.cities = cities;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Publishes the caller's city's list of an ended period: 409 while the period runs; a period
	 * published before needs a reason (400 without one) and becomes its next version.
	 */
	@Transactional
	public PublishedList publish(CurrentUser user, Period period, String reason) {
		if (!user.can(Permissions.PROBLEM_WRITE) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.PROBLEM_WRITE);
		}
		CityView city = ProblemLists.city(cities, user, null);
		Instant now = clock.instant();
		if (period.to().isAfter(now)) {
			throw new ConflictException("problemList.error.running");
		}
		String why = reason == null || reason.isBlank() ? null : reason.strip();
		int version = store.nextVersion(city.id(), period.text());
		if (version > 1 && why == null) {
			throw new InvalidInputException(FieldProblem.of("reason", "problemList.error.reason"));
		}
		if (why != null && why.length() > MAX_REASON) {
			throw new InvalidInputException(FieldProblem.of("reason", "problem.error.tooLong", MAX_REASON));
		}
		List<Line> lines = lists.lines(city, period, null, true);
		Publication publication = new Publication(0, period.text(), version, now, user.username(), why);
		long id;
		try {
			id = store.insert(city.id(), publication, lines);
		}
		catch (DuplicateKeyException ex) {
			// someone published the same version a moment earlier
			throw new ConflictException("problemList.error.published");
		}
		List<Long> red = lines.stream().filter(l -> l.band() == Band.RED).map(Line::unitId).toList();
		audit.record(AuditEntry.of("PROBLEM_LIST_PUBLISH")
			.city(city.id())
			.object("problem_list_publication", id)
			.change("period", null, period.text())
			.change("version", null, version)
			.change("reason", null, why)
			.change("units", null, lines.size())
			.change("red", null, red.size()));
		events.publishEvent(new ProblemListPublished(id, city.id(), period.text(), version, red, now));
		return new PublishedList(new Publication(id, period.text(), version, now, user.username(), why), lines);
	}

	/**
	 * The newest version of a period's published list, for every account of the city that reads
	 * problems (province staff name the city); 404 when the period was not published.
	 */
	@Transactional(readOnly = true)
	public PublishedList published(CurrentUser user, String cityCode, Period period, String rankingGroup) {
		CityView city = readable(user, cityCode);
		Publication publication = store.latest(city.id(), period.text())
			.orElseThrow(() -> new NotFoundException("problem_list_publication", period.text()));
		String group = rankingGroup == null || rankingGroup.isBlank() ? null : rankingGroup.trim();
		return new PublishedList(publication, store.lines(publication.id(), group));
	}

	/** The newest publication of a period, if any: the office's list page says whether it was published. */
	@Transactional(readOnly = true)
	public Optional<Publication> latest(CurrentUser user, String cityCode, Period period) {
		return store.latest(readable(user, cityCode).id(), period.text());
	}

	/** Every publication of the city, newest first. */
	@Transactional(readOnly = true)
	public List<Publication> all(CurrentUser user, String cityCode) {
		return store.all(readable(user, cityCode).id(), 200);
	}

	private CityView readable(CurrentUser user, String cityCode) {
		if (!user.can(Permissions.PROBLEM_READ)) {
			throw new AccessDeniedException(Permissions.PROBLEM_READ);
		}
		return ProblemLists.city(cities, user, cityCode);
	}

}
