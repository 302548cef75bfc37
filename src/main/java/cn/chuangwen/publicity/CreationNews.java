package cn.chuangwen.publicity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.files.Upload;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditEventView;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.publicity.internal.NewsStore;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * Creation news (创建动态/专栏, X10, issue 12 §4): a unit's liaison submits an item (title, text,
 * photos, optionally the id of a key project it is about); the office publishes it or returns it
 * with a reason; published items are public (no account) with their photos' EXIF-stripped copies,
 * and as an RSS feed. Reads are scoped like outlets: a unit its own items, the office its city.
 * The key project id is stored as given (a positive number): this module does not read the
 * projects module, which reads the news of a project through {@link #latestForProject}.
 */
@Service
public class CreationNews {

	public static final int MAX_TITLE = 200;

	public static final int MAX_BODY = 8000;

	public static final int MAX_PHOTOS = 6;

	public static final int MAX_REASON = 500;

	private final NewsStore store;

	private final Cities cities;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final Clock clock;

	public CreationNews(NewsStore store, Cities cities, EvidenceStore files, AuditTrail audit, Clock clock) {
		this.store = store;
		this.cities = cities;
		this.files = files;
		this.audit = audit;
		this.clock = clock;
	}

	// --- reading, signed in

	@Transactional(readOnly = true)
	public Page<NewsItem> page(CurrentUser user, NewsState state, PageRequest page) {
		PublicityAccess.reader(user);
		ScopeSql scope = ScopeSql.of(user.scope());
		return Page.read(page, () -> store.page(scope, state, page), () -> store.count(scope, state));
	}

	/** One item in the reader's scope; 404 otherwise (another unit's item for a liaison). */
	@Transactional(readOnly = true)
	public NewsItem get(CurrentUser user, long id) {
		PublicityAccess.reader(user);
		return store.find(ScopeSql.of(user.scope()), id).orElseThrow(() -> new NotFoundException("newsItem", id));
	}

	@Transactional(readOnly = true)
	public List<AuditEventView> history(CurrentUser user, long id) {
		return audit.historyOf("newsItem", String.valueOf(get(user, id).id()), 100);
	}

	/** A photo of an item as sent, for a reader of the item. */
	@Transactional(readOnly = true)
	public StoredFile photo(CurrentUser user, long id, long fileId) {
		return get(user, id).photos()
			.stream()
			.filter(p -> p.fileId() == fileId)
			.findFirst()
			.flatMap(p -> files.find(p.fileId()))
			.orElseThrow(() -> new NotFoundException("file", fileId));
	}

	/** Whether the user reviews this item: the office of its city. */
	public boolean reviews(CurrentUser user, NewsItem item) {
		return user.can(Permissions.PUBLICITY_MANAGE) && user.cityId() != null && user.cityId() == item.cityId();
	}

	// --- reading, public

	/** A city by its code (the public pages' slug); 404 when unknown. */
	public CityView city(String cityCode) {
		return cities.publicCity(cityCode);
	}

	@Transactional(readOnly = true)
	public Page<PublicNews> published(CityView city, PageRequest page) {
		return Page.read(page, () -> store.published(city.id(), null, page), () -> store.publishedCount(city.id()))
			.map(CreationNews::publicView);
	}

	/** A published item; 404 when unknown, of another city or not published. */
	@Transactional(readOnly = true)
	public PublicNews publishedItem(CityView city, long id) {
		return store.publishedItem(city.id(), id).map(CreationNews::publicView)
			.orElseThrow(() -> new NotFoundException("newsItem", id));
	}

	/** A published item's public photo copy (never the original). */
	@Transactional(readOnly = true)
	public StoredFile publicPhoto(CityView city, long id, long photoId) {
		if (!publishedItem(city, id).photos().contains(photoId)) {
			throw new NotFoundException("newsPhoto", photoId);
		}
		return files.find(photoId).orElseThrow(() -> new NotFoundException("newsPhoto", photoId));
	}

	/** The newest {@code n} published items of a city naming a key project, for the project's page. */
	@Transactional(readOnly = true)
	public List<PublicNews> latestForProject(long cityId, long projectId, int n) {
		return store.published(cityId, projectId, PageRequest.first(Math.max(1, Math.min(n, 50))))
			.stream()
			.map(CreationNews::publicView)
			.toList();
	}

	// --- writing

	/**
	 * A unit's liaison submits an item for its unit: 400 naming each wrong field (title or text
	 * missing or too long, a project id that is not a number, too many photos, a file that is not a
	 * photo), nothing stored then.
	 */
	@Transactional
	public NewsItem submit(CurrentUser user, NewsDraft d, List<Upload> photos) {
		if (!user.can(Permissions.PUBLICITY_REPORT) || user.cityId() == null || user.unitId() == null) {
			throw new AccessDeniedException("publicity:report");
		}
		List<FieldProblem> bad = new ArrayList<>();
		String title = text(d.title(), "title", MAX_TITLE, bad);
		String body = text(d.body(), "body", MAX_BODY, bad);
		Long projectId = null;
		String p = MediaOutlets.trim(d.projectId());
		if (p != null) {
			if (p.matches("[0-9]{1,18}") && Long.parseLong(p) > 0) {
				projectId = Long.parseLong(p);
			}
			else {
				bad.add(FieldProblem.of("projectId", "news.error.project.invalid"));
			}
		}
		List<Upload> given = photos == null ? List.of() : photos;
		if (given.size() > MAX_PHOTOS) {
			bad.add(FieldProblem.of(EvidenceStore.FIELD, "news.error.photos.tooMany", MAX_PHOTOS));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		// photos first (refused when not a photo): their copies are made before any row is locked
		List<EvidenceStore.PreparedPhoto> prepared = given.stream()
			.map(u -> files.preparePhoto(user.cityId(), u.name(), u.content()))
			.toList();
		long id = store.insert(new NewsStore.NewNews(user.cityId(), user.unitId(), title, body, projectId,
				user.username()), now());
		AuditEntry entry = AuditEntry.of("NEWS_SUBMIT")
			.city(user.cityId())
			.object("newsItem", id)
			.change("title", null, title)
			.change("unit", null, user.unitName());
		if (projectId != null) {
			entry.change("project", null, projectId);
		}
		int position = 0;
		for (EvidenceStore.PreparedPhoto photo : prepared) {
			EvidenceStore.PublicPhoto stored = files.record(photo, user.username());
			store.insertPhoto(id, ++position, stored.original().id(), stored.publicCopy().id());
			entry.change("photos", null, stored.original().name() + " #" + stored.original().id());
		}
		audit.record(entry);
		return get(user, id);
	}

	/** The office publishes a waiting item of its city; 409 when it is not waiting. */
	@Transactional
	public NewsItem publish(CurrentUser user, long id) {
		NewsItem item = reviewed(user, id);
		review(user, item, NewsState.PUBLISHED, null);
		return get(user, id);
	}

	/** The office returns a waiting item with a reason (400 without one); 409 when it is not waiting. */
	@Transactional
	public NewsItem returnItem(CurrentUser user, long id, String reasonText) {
		NewsItem item = reviewed(user, id);
		List<FieldProblem> bad = new ArrayList<>();
		String reason = text(reasonText, "reason", MAX_REASON, bad);
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		review(user, item, NewsState.RETURNED, reason);
		return get(user, id);
	}

	private NewsItem reviewed(CurrentUser user, long id) {
		if (!user.can(Permissions.PUBLICITY_MANAGE) || user.cityId() == null) {
			throw new AccessDeniedException("publicity:manage");
		}
		NewsItem item = get(user, id);
		if (item.cityId() != user.cityId()) {
			throw new NotFoundException("newsItem", id);
		}
		return item;
	}

	private void review(CurrentUser user, NewsItem item, NewsState to, String reason) {
		NewsState now = store.lockState(item.id()).orElseThrow(() -> new NotFoundException("newsItem", item.id()));
		if (now != NewsState.SUBMITTED) {
			throw new ConflictException("news.error.reviewed");
		}
		store.review(item.id(), to, reason, user.username(), now());
		AuditEntry entry = AuditEntry.of(to == NewsState.PUBLISHED ? "NEWS_PUBLISH" : "NEWS_RETURN")
			.city(item.cityId())
			.object("newsItem", item.id())
			.change("state", now.name(), to.name());
		if (reason != null) {
			entry.reason(reason);
		}
		audit.record(entry);
	}

	// --- helpers

	private static PublicNews publicView(NewsItem n) {
		return new PublicNews(n.id(), n.cityCode(), n.title(), n.body(), n.unitName(), n.projectId(), n.reviewedAt(),
				n.photos().stream().map(NewsItem.Photo::publicFileId).toList());
	}

	private static String text(String text, String field, int max, List<FieldProblem> bad) {
		String t = MediaOutlets.trim(text);
		if (t == null) {
			bad.add(FieldProblem.of(field, "news.error." + field + ".required"));
		}
		else if (t.length() > max) {
			bad.add(FieldProblem.of(field, "news.error." + field + ".tooLong", max));
		}
		return t;
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
