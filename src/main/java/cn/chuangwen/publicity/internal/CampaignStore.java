package cn.chuangwen.publicity.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.publicity.Campaign;
import cn.chuangwen.publicity.CampaignEntry;
import cn.chuangwen.publicity.CampaignEntry.EntrySource;
import cn.chuangwen.publicity.CampaignEntry.EntryState;
import cn.chuangwen.publicity.CampaignKind;
import cn.chuangwen.publicity.CampaignSchedule;
import cn.chuangwen.publicity.CampaignState;
import cn.chuangwen.publicity.PublicEntry;
import cn.chuangwen.shared.PageRequest;

/** SQL of public campaigns, their entries and votes. */
@Repository
public class CampaignStore {

	private static final String SELECT = """
			select p.id, p.city_id, c.code as city_code, p.kind, p.title, p.description, p.starts_on, p.submit_until,
			    p.vote_until, p.per_device_limit, p.state, p.withdraw_reason, p.results_published_at, p.version
			from public_campaign p join city c on c.id = p.city_id""";

	private static final String ENTRY = """
			select id, campaign_id, content, note, site_id, source, state, reject_reason, submitted_at, moderated_by,
			    moderated_at, votes
			from public_campaign_entry""";

	/** A campaign to store, checked. */
	public record NewCampaign(long cityId, CampaignKind kind, String title, String description,
			CampaignSchedule schedule, int perDeviceLimit, String by) {
	}

	/** An entry to store, checked; {@code deviceHash} only for a public one. */
	public record NewEntry(long campaignId, long cityId, String content, String note, Long siteId, EntrySource source,
			EntryState state, String deviceHash) {
	}

	private final JdbcClient jdbc;

	public CampaignStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// --- campaigns

	/** Campaigns in scope, the newest start first. */
	public List<Campaign> page(ScopeSql s, PageRequest page) {
		return s.bind(jdbc.sql(SELECT + " where " + s.city("p.city_id")
				+ " order by p.starts_on desc, p.id desc limit :limit offset :offset"))
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(CampaignStore::campaign)
			.list();
	}

	public long count(ScopeSql s) {
		return s.bind(jdbc.sql("select count(*) from public_campaign p where " + s.city("p.city_id")))
			.query(Long.class)
			.single();
	}

	public Optional<Campaign> find(ScopeSql s, long id) {
		return s.bind(jdbc.sql(SELECT + " where p.id = :id and " + s.city("p.city_id")))
			.param("id", id)
			.query(CampaignStore::campaign)
			.optional();
	}

	/** A city's published campaigns, the newest start first. */
	public List<Campaign> published(long cityId, PageRequest page) {
		return jdbc.sql(SELECT + " where p.city_id = :c and p.state = 'PUBLISHED'"
				+ " order by p.starts_on desc, p.id desc limit :limit offset :offset")
			.param("c", cityId)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(CampaignStore::campaign)
			.list();
	}

	/** A city's published campaigns open on {@code today} (collecting or voting), the soonest to close first. */
	public List<Campaign> open(long cityId, LocalDate today, int max) {
		return jdbc.sql(SELECT + " where p.city_id = :c and p.state = 'PUBLISHED' and p.starts_on <= :t"
				+ " and coalesce(p.vote_until, p.submit_until) >= :t"
				+ " order by coalesce(p.vote_until, p.submit_until), p.id limit :max")
			.param("c", cityId)
			.param("t", Date.valueOf(today))
			.param("max", max)
			.query(CampaignStore::campaign)
			.list();
	}

	public long publishedCount(long cityId) {
		return jdbc.sql("select count(*) from public_campaign where city_id = :c and state = 'PUBLISHED'")
			.param("c", cityId)
			.query(Long.class)
			.single();
	}

	public Optional<Campaign> publishedCampaign(long cityId, long id) {
		return jdbc.sql(SELECT + " where p.id = :id and p.city_id = :c and p.state = 'PUBLISHED'")
			.param("id", id)
			.param("c", cityId)
			.query(CampaignStore::campaign)
			.optional();
	}

	/**
	 * Locks a campaign's row until commit and reads it: a state change and a submission of the same
	 * campaign queue, so a device's two submissions at once cannot both pass its limit.
	 */
	public Optional<Campaign> lock(long id) {
		jdbc.sql("select id from public_campaign where id = :id for update").param("id", id).query(Long.class).optional();
		return jdbc.sql(SELECT + " where p.id = :id").param("id", id).query(CampaignStore::campaign).optional();
	}

	public long insert(NewCampaign n, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into public_campaign (city_id, kind, title, description, starts_on, submit_until, vote_until,
				    per_device_limit, state, created_by, created_at, updated_at)
				values (:c, :k, :t, :d, :s, :u, :v, :l, 'DRAFT', :by, :at, :at)""")
			.param("c", n.cityId())
			.param("k", n.kind().name())
			.param("t", n.title())
			.param("d", n.description())
			.param("s", Date.valueOf(n.schedule().startsOn()))
			.param("u", Date.valueOf(n.schedule().submitUntil()))
			.param("v", n.schedule().voteUntil() == null ? null : Date.valueOf(n.schedule().voteUntil()))
			.param("l", n.perDeviceLimit())
			.param("by", n.by())
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** A draft's new text and dates if its version is still {@code version}; false when it changed meanwhile. */
	public boolean update(long id, NewCampaign n, int version, Instant at) {
		return jdbc.sql("""
				update public_campaign set kind = :k, title = :t, description = :d, starts_on = :s, submit_until = :u,
				    vote_until = :v, per_device_limit = :l, updated_at = :at, version = version + 1
				where id = :id and version = :version""")
			.param("k", n.kind().name())
			.param("t", n.title())
			.param("d", n.description())
			.param("s", Date.valueOf(n.schedule().startsOn()))
			.param("u", Date.valueOf(n.schedule().submitUntil()))
			.param("v", n.schedule().voteUntil() == null ? null : Date.valueOf(n.schedule().voteUntil()))
			.param("l", n.perDeviceLimit())
			.param("at", Timestamp.from(at))
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	public void setState(long id, CampaignState state, String reason, Instant at) {
		jdbc.sql("""
				update public_campaign set state = :s, withdraw_reason = :r, updated_at = :at, version = version + 1
				where id = :id""")
			.param("s", state.name())
			.param("r", reason)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	public void publishResults(long id, Instant at) {
		jdbc.sql("update public_campaign set results_published_at = :at, updated_at = :at, version = version + 1 where id = :id")
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	// --- entries

	/** A campaign's entries, optionally of one state: waiting ones first, then by votes, then oldest. */
	public List<CampaignEntry> entries(long campaignId, EntryState state, PageRequest page) {
		return jdbc.sql(ENTRY + " where campaign_id = :c" + (state == null ? "" : " and state = :s")
				+ " order by case when state = 'SUBMITTED' then 0 else 1 end, votes desc, id limit :limit offset :offset")
			.param("c", campaignId)
			.param("s", state == null ? "" : state.name())
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(CampaignStore::entry)
			.list();
	}

	/** How many entries a campaign has in each state. */
	public Map<EntryState, Long> entryCounts(long campaignId) {
		Map<EntryState, Long> counts = new EnumMap<>(EntryState.class);
		for (EntryState s : EntryState.values()) {
			counts.put(s, 0L);
		}
		jdbc.sql("select state, count(*) from public_campaign_entry where campaign_id = :c group by state")
			.param("c", campaignId)
			.query((rs, n) -> counts.put(EntryState.valueOf(rs.getString(1)), rs.getLong(2)))
			.list();
		return counts;
	}

	public Optional<CampaignEntry> findEntry(long campaignId, long entryId) {
		return jdbc.sql(ENTRY + " where id = :id and campaign_id = :c")
			.param("id", entryId)
			.param("c", campaignId)
			.query(CampaignStore::entry)
			.optional();
	}

	/** Locks an entry's row for a moderation (two at once cannot both pass the state check). */
	public Optional<EntryState> lockEntryState(long campaignId, long entryId) {
		return jdbc.sql("select state from public_campaign_entry where id = :id and campaign_id = :c for update")
			.param("id", entryId)
			.param("c", campaignId)
			.query(String.class)
			.optional()
			.map(EntryState::valueOf);
	}

	public long insertEntry(NewEntry e, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into public_campaign_entry (campaign_id, city_id, content, note, site_id, source, state, device_hash,
				    submitted_at)
				values (:c, :city, :content, :note, :site, :source, :state, :device, :at)""")
			.param("c", e.campaignId())
			.param("city", e.cityId())
			.param("content", e.content())
			.param("note", e.note())
			.param("site", e.siteId())
			.param("source", e.source().name())
			.param("state", e.state().name())
			.param("device", e.deviceHash())
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void moderate(long entryId, EntryState state, String reason, String by, Instant at) {
		jdbc.sql("""
				update public_campaign_entry set state = :s, reject_reason = :r, moderated_by = :by, moderated_at = :at,
				    version = version + 1
				where id = :id""")
			.param("s", state.name())
			.param("r", reason)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("id", entryId)
			.update();
	}

	/** Whether a campaign has an entry naming this demonstration site. */
	public boolean names(long campaignId, long siteId) {
		return jdbc.sql("select count(*) from public_campaign_entry where campaign_id = :c and site_id = :s")
			.param("c", campaignId)
			.param("s", siteId)
			.query(Long.class)
			.single() > 0;
	}

	/** How many entries a device has sent to a campaign, whatever became of them. */
	public long sentBy(long campaignId, String deviceHash) {
		return jdbc.sql("select count(*) from public_campaign_entry where campaign_id = :c and device_hash = :d")
			.param("c", campaignId)
			.param("d", deviceHash)
			.query(Long.class)
			.single();
	}

	/** What the public page counts of a campaign: shown entries, signatures (not rejected), votes on shown entries. */
	public record Tally(long shown, long signatures, long votes) {

		public static final Tally NONE = new Tally(0, 0, 0);

	}

	/** The tallies of campaigns in one query; a campaign without entries is absent. */
	public Map<Long, Tally> tallies(Collection<Long> campaignIds) {
		if (campaignIds.isEmpty()) {
			return Map.of();
		}
		Map<Long, Tally> out = new HashMap<>();
		jdbc.sql("""
				select campaign_id,
				    sum(case when state = 'APPROVED' and content is not null then 1 else 0 end),
				    sum(case when state <> 'REJECTED' then 1 else 0 end),
				    sum(case when state = 'APPROVED' then votes else 0 end)
				from public_campaign_entry where campaign_id in (:ids) group by campaign_id""")
			.param("ids", campaignIds)
			.query((rs, n) -> out.put(rs.getLong(1), new Tally(rs.getLong(2), rs.getLong(3), rs.getLong(4))))
			.list();
		return out;
	}

	/**
	 * The approved entries with a text (a bare signature has none) of a campaign as the public sees
	 * them: with {@code ranked}, by votes with
	 * their rank (equal votes, equal rank) and count; without, oldest first and no count.
	 */
	public List<PublicEntry> approved(long campaignId, boolean ranked, PageRequest page) {
		String sql = ranked ? """
				select id, content, note, votes, rank() over (order by votes desc) as place
				from public_campaign_entry where campaign_id = :c and state = 'APPROVED' and content is not null
				order by votes desc, id limit :limit offset :offset"""
				: "select id, content, note from public_campaign_entry where campaign_id = :c and state = 'APPROVED'"
						+ " and content is not null order by id limit :limit offset :offset";
		return jdbc.sql(sql)
			.param("c", campaignId)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, n) -> new PublicEntry(rs.getLong("id"), rs.getString("content"), rs.getString("note"),
					ranked ? rs.getInt("votes") : null, ranked ? rs.getInt("place") : null))
			.list();
	}

	// --- votes


	/** The entry a device voted for in a campaign on a day, if it did. */
	public Optional<Long> votedFor(long campaignId, String deviceHash, LocalDate day) {
		return jdbc.sql("select entry_id from public_campaign_vote where campaign_id = :c and device_hash = :d and vote_day = :day")
			.param("c", campaignId)
			.param("d", deviceHash)
			.param("day", Date.valueOf(day))
			.query(Long.class)
			.optional();
	}

	/**
	 * Records a vote and counts it on the entry; the vote's key refuses (DuplicateKeyException) a
	 * second vote of the device in the campaign on that day. Returns the entry's votes now.
	 */
	public int vote(long campaignId, long entryId, String deviceHash, LocalDate day, Instant at) {
		jdbc.sql("""
				insert into public_campaign_vote (campaign_id, device_hash, vote_day, entry_id, voted_at)
				values (:c, :d, :day, :e, :at)""")
			.param("c", campaignId)
			.param("d", deviceHash)
			.param("day", Date.valueOf(day))
			.param("e", entryId)
			.param("at", Timestamp.from(at))
			.update();
		jdbc.sql("update public_campaign_entry set votes = votes + 1 where id = :e").param("e", entryId).update();
		return jdbc.sql("select votes from public_campaign_entry where id = :e").param("e", entryId).query(Integer.class).single();
	}

	/**
	 * Votes of earlier days, each by its own device, counted on the entry once: the demo's past, which
	 * no device could cast today.
	 */
	void pastVotes(long campaignId, long entryId, List<String> deviceHashes, LocalDate day, Instant at) {
		for (String device : deviceHashes) {
			jdbc.sql("insert into public_campaign_vote (campaign_id, device_hash, vote_day, entry_id, voted_at)"
					+ " values (:c, :d, :day, :e, :at)")
				.param("c", campaignId)
				.param("d", device)
				.param("day", Date.valueOf(day))
				.param("e", entryId)
				.param("at", Timestamp.from(at))
				.update();
		}
		jdbc.sql("update public_campaign_entry set votes = votes + :n where id = :e")
			.param("n", deviceHashes.size())
			.param("e", entryId)
			.update();
	}

	// --- rows

	private static Campaign campaign(ResultSet rs, int n) throws SQLException {
		Date vote = rs.getDate("vote_until");
		Timestamp results = rs.getTimestamp("results_published_at");
		return new Campaign(rs.getLong("id"), rs.getLong("city_id"), rs.getString("city_code"),
				CampaignKind.valueOf(rs.getString("kind")), rs.getString("title"), rs.getString("description"),
				new CampaignSchedule(rs.getDate("starts_on").toLocalDate(), rs.getDate("submit_until").toLocalDate(),
						vote == null ? null : vote.toLocalDate()),
				rs.getInt("per_device_limit"), CampaignState.valueOf(rs.getString("state")),
				rs.getString("withdraw_reason"), results == null ? null : results.toInstant(), rs.getInt("version"));
	}

	private static CampaignEntry entry(ResultSet rs, int n) throws SQLException {
		long site = rs.getLong("site_id");
		Long siteId = rs.wasNull() ? null : site;
		Timestamp moderated = rs.getTimestamp("moderated_at");
		return new CampaignEntry(rs.getLong("id"), rs.getLong("campaign_id"), rs.getString("content"),
				rs.getString("note"), siteId, EntrySource.valueOf(rs.getString("source")),
				EntryState.valueOf(rs.getString("state")), rs.getString("reject_reason"),
				rs.getTimestamp("submitted_at").toInstant(), rs.getString("moderated_by"),
				moderated == null ? null : moderated.toInstant(), rs.getInt("votes"));
	}

}
