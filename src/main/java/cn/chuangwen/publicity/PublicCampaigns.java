package cn.chuangwen.publicity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditEventView;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.publicity.CampaignEntry.EntrySource;
import cn.chuangwen.publicity.CampaignEntry.EntryState;
import cn.chuangwen.publicity.internal.CampaignStore;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * Public campaigns (群众性创建活动, T5, issue 12 §4): the office of a city runs a slogan or convention
 * solicitation, a signature drive or a demonstration-site selection.
 * <ul>
 * <li>Anyone may send entries while it collects, without an account, at most the campaign's limit
 * per device (known by a signed cookie; only its hash is kept). Nothing sent is shown before the
 * office approves it; a signature without a message counts at once.</li>
 * <li>Then anyone may vote for an approved entry, once per device and day (the day in the campaign's
 * time zone). Counts stay hidden on the public page until the office publishes the results, which it
 * may do once voting is over; the published tally is written to the trace.</li>
 * </ul>
 * Reads are the city's (a province reader: every city); only the office of the campaign's city
 * changes it. Every change, public ones too, is traced.
 */
@Service
public class PublicCampaigns {

	/** The campaigns' days: a vote's day and the phases turn at midnight here. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	public static final int MAX_TITLE = 200;

	public static final int MAX_DESCRIPTION = 4000;

	public static final int MAX_CONTENT = 200;

	public static final int MAX_NOTE = 1000;

	public static final int MAX_REASON = 500;

	public static final int MAX_LIMIT = 20;

	public static final int DEFAULT_LIMIT = 3;

	/** The longest a campaign may collect, or vote. */
	public static final int MAX_DAYS = 366;

	private static final Pattern DEVICE = Pattern.compile("[0-9a-f]{64}");

	private final CampaignStore store;

	private final DemonstrationSites sites;

	private final AuditTrail audit;

	private final Clock clock;

	public PublicCampaigns(CampaignStore store, DemonstrationSites sites, AuditTrail audit,
			Clock clock) {
		this.store = store;
		this.sites = sites;
		this.audit = audit;
		this.clock = clock;
	}

	// --- the office

	@Transactional(readOnly = true)
	public Page<Campaign> page(CurrentUser user, PageRequest page) {
		PublicityAccess.reader(user);
		ScopeSql scope = ScopeSql.of(user.scope());
		return Page.read(page, () -> store.page(scope, page), () -> store.count(scope));
	}

	/** A campaign in the reader's scope; 404 otherwise (another city's for a city reader). */
	@Transactional(readOnly = true)
	public Campaign get(CurrentUser user, long id) {
		PublicityAccess.reader(user);
		return store.find(ScopeSql.of(user.scope()), id).orElseThrow(() -> new NotFoundException("campaign", id));
	}

	@Transactional(readOnly = true)
	public List<AuditEventView> history(CurrentUser user, long id) {
		return audit.historyOf("campaign", String.valueOf(get(user, id).id()), 100);
	}

	/** Whether the user runs this campaign: the office of its city. */
	public boolean manages(CurrentUser user, Campaign c) {
		return user.can(Permissions.PUBLICITY_MANAGE) && user.cityId() != null && user.cityId() == c.cityId();
	}

	/** Today in the campaigns' time zone. */
	public LocalDate today() {
		return LocalDate.now(clock.withZone(ZONE));
	}

	/** The office creates a draft for its city: 400 naming each wrong field, nothing stored then. */
	@Transactional
	public Campaign create(CurrentUser user, CampaignDraft d) {
		PublicityAccess.office(user);
		CampaignStore.NewCampaign n = checked(user, d);
		long id = store.insert(n, now());
		audit.record(AuditEntry.of("CAMPAIGN_CREATE")
			.city(user.cityId())
			.object("campaign", id)
			.change("kind", null, n.kind().name())
			.change("title", null, n.title())
			.change("schedule", null, schedule(n.schedule()))
			.change("perDeviceLimit", null, n.perDeviceLimit()));
		return get(user, id);
	}

	/**
	 * The office edits a draft: 409 once it is published (its dates and rules are then a promise to
	 * the public) or when someone saved it since {@code version}.
	 */
	@Transactional
	public Campaign update(CurrentUser user, long id, CampaignDraft d, int version) {
		Campaign c = managed(user, id);
		CampaignStore.NewCampaign n = checked(user, d);
		if (c.state() != CampaignState.DRAFT) {
			throw new ConflictException("campaign.error.notDraft");
		}
		if (!store.update(id, n, version, now())) {
			throw new ConflictException("campaign.error.stale");
		}
		AuditEntry entry = AuditEntry.of("CAMPAIGN_UPDATE").city(c.cityId()).object("campaign", id);
		change(entry, "kind", c.kind().name(), n.kind().name());
		change(entry, "title", c.title(), n.title());
		change(entry, "description", c.description(), n.description());
		change(entry, "schedule", schedule(c.schedule()), schedule(n.schedule()));
		change(entry, "perDeviceLimit", c.perDeviceLimit(), n.perDeviceLimit());
		audit.record(entry);
		return get(user, id);
	}

	/** The office publishes a draft: it appears on the city's public page. 409 when it is not a draft. */
	@Transactional
	public Campaign publish(CurrentUser user, long id) {
		Campaign c = lockedManaged(user, id);
		if (c.state() != CampaignState.DRAFT) {
			throw new ConflictException("campaign.error.notDraft");
		}
		store.setState(id, CampaignState.PUBLISHED, null, now());
		audit.record(AuditEntry.of("CAMPAIGN_PUBLISH")
			.city(c.cityId())
			.object("campaign", id)
			.change("state", c.state().name(), CampaignState.PUBLISHED.name()));
		return get(user, id);
	}

	/** The office takes a published campaign off the public pages, with a reason (400 without); 409 when not published. */
	@Transactional
	public Campaign withdraw(CurrentUser user, long id, String reasonText) {
		Campaign c = lockedManaged(user, id);
		String reason = required(reasonText, "reason", MAX_REASON);
		if (c.state() != CampaignState.PUBLISHED) {
			throw new ConflictException("campaign.error.notPublished");
		}
		store.setState(id, CampaignState.WITHDRAWN, reason, now());
		audit.record(AuditEntry.of("CAMPAIGN_WITHDRAW")
			.city(c.cityId())
			.object("campaign", id)
			.change("state", c.state().name(), CampaignState.WITHDRAWN.name())
			.reason(reason));
		return get(user, id);
	}

	/**
	 * The office publishes the results of a published campaign whose voting (or signing) is over:
	 * the public page then shows each entry's votes and rank. The tally at this moment goes into the
	 * trace, so a later change to a count would show. 409 before the end, or a second time.
	 */
	@Transactional
	public Campaign publishResults(CurrentUser user, long id) {
		Campaign c = lockedManaged(user, id);
		if (c.state() != CampaignState.PUBLISHED || c.schedule().phase(today()) != CampaignPhase.ENDED) {
			throw new ConflictException("campaign.error.notEnded");
		}
		if (c.resultsPublished()) {
			throw new ConflictException("campaign.error.resultsPublished");
		}
		store.publishResults(id, now());
		AuditEntry entry = AuditEntry.of("CAMPAIGN_RESULTS_PUBLISH").city(c.cityId()).object("campaign", id);
		if (c.kind().voting()) {
			for (PublicEntry e : store.approved(id, true, PageRequest.first(100))) {
				entry.change("entry #" + e.id(), null, e.votes());
			}
		}
		else {
			entry.change("signatures", null,
					store.tallies(List.of(id)).getOrDefault(id, CampaignStore.Tally.NONE).signatures());
		}
		audit.record(entry);
		return get(user, id);
	}

	/** A campaign's entries for its readers, optionally of one state: waiting ones first. */
	@Transactional(readOnly = true)
	public Page<CampaignEntry> entries(CurrentUser user, long id, EntryState state, PageRequest page) {
		Campaign c = get(user, id);
		long total = state == null ? store.entryCounts(c.id()).values().stream().mapToLong(Long::longValue).sum()
				: store.entryCounts(c.id()).get(state);
		return new Page<>(total == 0 ? List.of() : store.entries(c.id(), state, page), total, page);
	}

	@Transactional(readOnly = true)
	public Map<EntryState, Long> entryCounts(CurrentUser user, long id) {
		return store.entryCounts(get(user, id).id());
	}

	/**
	 * The office adds an entry of its own (a shortlisted slogan, a candidate site), shown at once. In a
	 * site selection it may name a site of the registry (a candidate or named one of the city; its name
	 * is the entry's text unless one is typed), once per campaign. 400 for a missing or too long text or
	 * an unknown site; 409 for a signature drive (signatures come from the public), a withdrawn
	 * campaign, once the results are out, or a site named twice.
	 */
	@Transactional
	public CampaignEntry addEntry(CurrentUser user, long id, String contentText, String noteText, String siteIdText) {
		Campaign c = lockedManaged(user, id);
		List<FieldProblem> bad = new ArrayList<>();
		SiteSummary site = site(c, siteIdText, bad);
		String content = text(contentText, "content", MAX_CONTENT, site == null, bad);
		String note = text(noteText, "note", MAX_NOTE, false, bad);
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		if (!c.kind().voting() || c.state() == CampaignState.WITHDRAWN || c.resultsPublished()) {
			throw new ConflictException("campaign.error.noOfficeEntry");
		}
		if (site != null && store.names(c.id(), site.id())) {
			throw new ConflictException("campaign.error.site.twice");
		}
		String text = content != null ? content : site.name();
		long entryId = store.insertEntry(new CampaignStore.NewEntry(c.id(), c.cityId(), text, note,
				site == null ? null : site.id(), EntrySource.OFFICE, EntryState.APPROVED, null), now());
		AuditEntry entry = AuditEntry.of("CAMPAIGN_ENTRY_ADD")
			.city(c.cityId())
			.object("campaignEntry", entryId)
			.change("campaign", null, c.id())
			.change("content", null, text);
		if (site != null) {
			entry.change("site", null, site.name() + " #" + site.id());
		}
		audit.record(entry);
		return store.findEntry(c.id(), entryId).orElseThrow();
	}

	/** The sites the office may name in a campaign: for a site selection, the city's candidates and named sites. */
	@Transactional(readOnly = true)
	public List<SiteSummary> selectableSites(CurrentUser user, long id) {
		Campaign c = get(user, id);
		return c.kind() == CampaignKind.SITE_SELECTION ? sites.selectable(c.cityId()) : List.of();
	}

	/** The registry site a text names for an office entry: blank is none; only in a site selection, of its city. */
	private SiteSummary site(Campaign c, String siteIdText, List<FieldProblem> bad) {
		String t = trim(siteIdText);
		if (t == null) {
			return null;
		}
		if (c.kind() != CampaignKind.SITE_SELECTION) {
			bad.add(FieldProblem.of("siteId", "campaign.error.site.notSelection"));
			return null;
		}
		Optional<SiteSummary> site = t.matches("[0-9]{1,18}") ? sites.selectable(c.cityId(), Long.parseLong(t))
				: Optional.empty();
		if (site.isEmpty()) {
			bad.add(FieldProblem.of("siteId", "campaign.error.site.unknown"));
			return null;
		}
		return site.get();
	}

	/**
	 * The office approves a waiting entry (it is shown, and votable) or rejects it with a reason (400
	 * without one). 404 for an entry of another campaign; 409 when it was moderated already.
	 */
	@Transactional
	public CampaignEntry moderate(CurrentUser user, long id, long entryId, boolean approve, String reasonText) {
		Campaign c = managed(user, id);
		String reason = approve ? null : required(reasonText, "reason", MAX_REASON);
		EntryState was = store.lockEntryState(c.id(), entryId)
			.orElseThrow(() -> new NotFoundException("campaignEntry", entryId));
		if (was != EntryState.SUBMITTED) {
			throw new ConflictException("campaign.error.moderated");
		}
		EntryState to = approve ? EntryState.APPROVED : EntryState.REJECTED;
		store.moderate(entryId, to, reason, user.username(), now());
		AuditEntry entry = AuditEntry.of(approve ? "CAMPAIGN_ENTRY_APPROVE" : "CAMPAIGN_ENTRY_REJECT")
			.city(c.cityId())
			.object("campaignEntry", entryId)
			.change("state", was.name(), to.name());
		if (reason != null) {
			entry.reason(reason);
		}
		audit.record(entry);
		return store.findEntry(c.id(), entryId).orElseThrow();
	}

	/** Every entry of a campaign for the office's workbook, at most {@code max}. */
	@Transactional(readOnly = true)
	public List<CampaignEntry> allEntries(CurrentUser user, long id, int max) {
		Campaign c = get(user, id);
		List<CampaignEntry> all = new ArrayList<>();
		for (int p = 1; all.size() < max; p++) {
			List<CampaignEntry> rows = store.entries(c.id(), null, new PageRequest(p, PageRequest.MAX_SIZE));
			all.addAll(rows);
			if (rows.size() < PageRequest.MAX_SIZE) {
				break;
			}
		}
		return all.size() > max ? all.subList(0, max) : all;
	}

	// --- the public

	@Transactional(readOnly = true)
	public Page<PublicCampaign> published(CityView city, PageRequest page) {
		return Page.read(page, () -> store.published(city.id(), page), () -> store.publishedCount(city.id()))
			.mapAll(this::publicViews);
	}

	/** At most {@code max} published campaigns of a city open today (collecting or voting), the soonest to close first. */
	@Transactional(readOnly = true)
	public List<PublicCampaign> open(CityView city, int max) {
		return publicViews(store.open(city.id(), today(), Math.max(1, Math.min(max, 20))));
	}

	/** A published campaign; 404 when unknown, of another city, a draft or withdrawn. */
	@Transactional(readOnly = true)
	public PublicCampaign publishedCampaign(CityView city, long id) {
		return publicViews(List.of(publishedRow(city, id))).get(0);
	}

	/**
	 * The shown entries of a published campaign (as {@link #publishedCampaign} read it): once its
	 * results are out, ranked by votes with their counts; before, oldest first without counts.
	 */
	@Transactional(readOnly = true)
	public Page<PublicEntry> publicEntries(PublicCampaign c, PageRequest page) {
		return new Page<>(c.shown() == 0 ? List.of() : store.approved(c.id(), c.resultsPublished(), page), c.shown(),
				page);
	}

	/** How many entries a device (by its hash) has sent to a campaign. */
	@Transactional(readOnly = true)
	public long sentBy(long campaignId, String deviceHash) {
		return deviceHash == null ? 0 : store.sentBy(campaignId, deviceHash);
	}

	/** The entry the device (by its hash) voted for today in a campaign, if it did. */
	@Transactional(readOnly = true)
	public Optional<Long> votedToday(long campaignId, String deviceHash) {
		return deviceHash == null ? Optional.empty() : store.votedFor(campaignId, deviceHash, today());
	}

	/**
	 * Anyone sends an entry to a published campaign that collects: a slogan, a place's name (with an
	 * optional reason) or a signature (with an optional message). 400 for a missing or too long text;
	 * 409 when the campaign does not collect now or the device has sent its limit. Waits for the
	 * office, except a bare signature, which counts at once.
	 */
	@Transactional
	public void submit(CityView city, long id, String deviceHash, String contentText, String noteText) {
		device(deviceHash);
		Campaign c = publishedRow(city, id);
		boolean signature = c.kind() == CampaignKind.SIGNATURE;
		List<FieldProblem> bad = new ArrayList<>();
		String content = text(contentText, "content", MAX_CONTENT, !signature, bad);
		String note = signature ? null : text(noteText, "note", MAX_NOTE, false, bad);
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		c = store.lock(c.id()).orElseThrow(() -> new NotFoundException("campaign", id));
		if (c.state() != CampaignState.PUBLISHED || c.schedule().phase(today()) != CampaignPhase.COLLECTING) {
			throw new ConflictException("campaign.error.notCollecting");
		}
		if (store.sentBy(c.id(), deviceHash) >= c.perDeviceLimit()) {
			throw new ConflictException(signature ? "campaign.error.signedAlready" : "campaign.error.limit",
					c.perDeviceLimit());
		}
		EntryState state = signature && content == null ? EntryState.APPROVED : EntryState.SUBMITTED;
		long entryId = store.insertEntry(new CampaignStore.NewEntry(c.id(), c.cityId(), content, note, null,
				EntrySource.PUBLIC, state, deviceHash), now());
		AuditEntry entry = AuditEntry.of("CAMPAIGN_ENTRY_SUBMIT")
			.actor(null, null)
			.city(c.cityId())
			.object("campaignEntry", entryId)
			.change("campaign", null, c.id())
			.change("state", null, state.name());
		if (content != null) {
			entry.change("content", null, content);
		}
		audit.record(entry);
	}

	/**
	 * Anyone votes for an approved entry of a published campaign that is voting: one vote per device,
	 * campaign and day. 404 for an entry that is not shown; 409 when the campaign does not vote now,
	 * or for the day's second vote (two at once too: the vote's key refuses the second).
	 */
	@Transactional
	public int vote(CityView city, long id, long entryId, String deviceHash) {
		device(deviceHash);
		Campaign c = publishedRow(city, id);
		if (!c.kind().voting() || c.schedule().phase(today()) != CampaignPhase.VOTING) {
			throw new ConflictException("campaign.error.notVoting");
		}
		CampaignEntry e = store.findEntry(c.id(), entryId)
			.filter(x -> x.state() == EntryState.APPROVED)
			.orElseThrow(() -> new NotFoundException("campaignEntry", entryId));
		LocalDate day = today();
		if (store.votedFor(c.id(), deviceHash, day).isPresent()) {
			throw new ConflictException("campaign.error.votedToday");
		}
		int votes;
		try {
			votes = store.vote(c.id(), e.id(), deviceHash, day, now());
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("campaign.error.votedToday");
		}
		audit.record(AuditEntry.of("CAMPAIGN_VOTE")
			.actor(null, null)
			.city(c.cityId())
			.object("campaignEntry", e.id())
			.change("votes", votes - 1, votes));
		return votes;
	}

	// --- helpers

	private Campaign publishedRow(CityView city, long id) {
		return store.publishedCampaign(city.id(), id).orElseThrow(() -> new NotFoundException("campaign", id));
	}

	/** Campaigns as the public sees them, their counts read in one query; votes only once the results are out. */
	private List<PublicCampaign> publicViews(List<Campaign> campaigns) {
		LocalDate today = today();
		Map<Long, CampaignStore.Tally> tallies = store.tallies(campaigns.stream().map(Campaign::id).toList());
		return campaigns.stream().map(c -> {
			CampaignStore.Tally t = tallies.getOrDefault(c.id(), CampaignStore.Tally.NONE);
			boolean signature = c.kind() == CampaignKind.SIGNATURE;
			return new PublicCampaign(c.id(), c.cityCode(), c.kind(), c.title(), c.description(), c.schedule(),
					c.schedule().phase(today), c.perDeviceLimit(), t.shown(), signature ? t.signatures() : 0,
					c.resultsPublishedAt(), c.resultsPublished() && !signature ? t.votes() : 0);
		}).toList();
	}

	private CampaignStore.NewCampaign checked(CurrentUser user, CampaignDraft d) {
		List<FieldProblem> bad = new ArrayList<>();
		CampaignKind kind = null;
		String k = trim(d.kind());
		if (k == null) {
			bad.add(FieldProblem.of("kind", "campaign.error.kind.required"));
		}
		else {
			try {
				kind = CampaignKind.valueOf(k);
			}
			catch (IllegalArgumentException ex) {
				bad.add(FieldProblem.of("kind", "campaign.error.kind.invalid"));
			}
		}
		String title = text(d.title(), "title", MAX_TITLE, true, bad);
		String description = text(d.description(), "description", MAX_DESCRIPTION, true, bad);
		LocalDate starts = date(d.startsOn(), "startsOn", true, bad);
		LocalDate submitUntil = date(d.submitUntil(), "submitUntil", true, bad);
		boolean voting = kind == null || kind.voting();
		LocalDate voteUntil = voting ? date(d.voteUntil(), "voteUntil", kind != null, bad) : null;
		if (starts != null && submitUntil != null) {
			if (submitUntil.isBefore(starts)) {
				bad.add(FieldProblem.of("submitUntil", "campaign.error.submitUntil.beforeStart"));
			}
			else if (ChronoUnit.DAYS.between(starts, submitUntil) >= MAX_DAYS) {
				bad.add(FieldProblem.of("submitUntil", "campaign.error.tooLong.days", MAX_DAYS));
			}
		}
		if (submitUntil != null && voteUntil != null) {
			if (!voteUntil.isAfter(submitUntil)) {
				bad.add(FieldProblem.of("voteUntil", "campaign.error.voteUntil.beforeSubmit"));
			}
			else if (ChronoUnit.DAYS.between(submitUntil, voteUntil) > MAX_DAYS) {
				bad.add(FieldProblem.of("voteUntil", "campaign.error.tooLong.days", MAX_DAYS));
			}
		}
		int limit = DEFAULT_LIMIT;
		String l = trim(d.perDeviceLimit());
		if (l != null) {
			if (l.matches("[0-9]{1,3}") && Integer.parseInt(l) >= 1 && Integer.parseInt(l) <= MAX_LIMIT) {
				limit = Integer.parseInt(l);
			}
			else {
				bad.add(FieldProblem.of("perDeviceLimit", "campaign.error.limit.invalid", MAX_LIMIT));
			}
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		return new CampaignStore.NewCampaign(user.cityId(), kind, title, description,
				new CampaignSchedule(starts, submitUntil, voteUntil), kind.voting() ? limit : 1, user.username());
	}

	private static LocalDate date(String text, String field, boolean required, List<FieldProblem> bad) {
		String t = trim(text);
		if (t == null) {
			if (required) {
				bad.add(FieldProblem.of(field, "campaign.error.date.required"));
			}
			return null;
		}
		try {
			LocalDate day = t.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}") ? LocalDate.parse(t) : null;
			if (day != null && day.getYear() >= 2000 && day.getYear() <= 2100) {
				return day;
			}
		}
		catch (DateTimeParseException ex) {
			// falls through to the field's error
		}
		bad.add(FieldProblem.of(field, "campaign.error.date.invalid"));
		return null;
	}

	private static String text(String text, String field, int max, boolean required, List<FieldProblem> bad) {
		String t = trim(text);
		if (t == null) {
			if (required) {
				bad.add(FieldProblem.of(field, "campaign.error." + field + ".required"));
			}
		}
		else if (t.length() > max) {
			bad.add(FieldProblem.of(field, "campaign.error.tooLong", max));
		}
		else if (t.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
			bad.add(FieldProblem.of(field, "campaign.error.control"));
		}
		return t;
	}

	private static String required(String text, String field, int max) {
		List<FieldProblem> bad = new ArrayList<>();
		String t = text(text, field, max, true, bad);
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		return t;
	}

	private static String trim(String s) {
		return MediaOutlets.trim(s);
	}

	private static String schedule(CampaignSchedule s) {
		return s.startsOn() + "~" + s.submitUntil() + (s.voteUntil() == null ? "" : "~" + s.voteUntil());
	}

	private static void change(AuditEntry entry, String field, Object before, Object after) {
		if (!java.util.Objects.equals(before, after)) {
			entry.change(field, before, after);
		}
	}

	private static void device(String deviceHash) {
		if (deviceHash == null || !DEVICE.matcher(deviceHash).matches()) {
			throw new IllegalArgumentException("not a device hash");
		}
	}

	private Campaign managed(CurrentUser user, long id) {
		PublicityAccess.office(user);
		Campaign c = get(user, id);
		if (c.cityId() != user.cityId()) {
			throw new NotFoundException("campaign", id);
		}
		return c;
	}

	private Campaign lockedManaged(CurrentUser user, long id) {
		return store.lock(managed(user, id).id()).orElseThrow(() -> new NotFoundException("campaign", id));
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
