package cn.chuangwen.notify.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.notify.Channel;
import cn.chuangwen.notify.NoticeKind;
import cn.chuangwen.notify.NotificationChannel.Target;
import cn.chuangwen.notify.NotificationView;
import cn.chuangwen.notify.Reminder;
import cn.chuangwen.notify.ReminderKind;

/** SQL for notifications and contact addresses. A user reads only rows whose user_id is theirs. */
@Repository
public class NotificationStore {

	private static final String SELECT = """
			select id, kind, assignment_id, remind_on, subject, deadline, title, body, link, created_at, read_at
			from notification
			""";

	private final JdbcClient jdbc;

	public NotificationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims the right to send: inserts the row unless the same channel, recipient, assignment, kind
	 * and day already has one (on any node). Empty when it was already claimed.
	 */
	public OptionalLong claim(Long userId, Channel channel, Target target, Reminder r, Instant now) {
		var keys = new GeneratedKeyHolder();
		int inserted = jdbc.sql("""
				insert into notification (city_id, user_id, channel, recipient, address, kind, assignment_id, remind_on, subject,
				    deadline, title, body, created_at, delivered)
				values (:city, :user, :channel, :recipient, :address, :kind, :assignment, :day, :subject, :deadline, :title,
				    :body, :now, false)
				on conflict do nothing
				""")
			.param("city", r.cityId())
			.param("user", userId)
			.param("channel", channel.name())
			.param("recipient", cap(target.recipient(), 64))
			.param("address", cap(target.maskedAddress(), 128))
			.param("kind", r.kind().name())
			.param("assignment", r.assignmentId())
			.param("day", r.day())
			.param("subject", cap(r.subject(), 300))
			.param("deadline", r.deadline())
			.param("title", cap(r.title(), 300))
			.param("body", cap(r.body(), 2000))
			.param("now", utc(now))
			.update(keys, "id");
		if (inserted == 0 || keys.getKeyList().isEmpty()) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(keys.getKeyAs(Number.class).longValue());
	}

	/**
	 * Claims a row whose earlier send failed, so a second run the same day tries again; empty when
	 * it was delivered, or another run holds it.
	 */
	public OptionalLong reclaimFailed(Channel channel, Target target, Reminder r) {
		int changed = jdbc.sql("""
				update notification set error = null
				where channel = :channel and recipient = :recipient and assignment_id = :assignment and kind = :kind
				  and remind_on = :day and delivered = false and error is not null
				""")
			.param("channel", channel.name())
			.param("recipient", cap(target.recipient(), 64))
			.param("assignment", r.assignmentId())
			.param("kind", r.kind().name())
			.param("day", r.day())
			.update();
		if (changed == 0) {
			return OptionalLong.empty();
		}
		return jdbc.sql("""
				select id from notification where channel = :channel and recipient = :recipient
				  and assignment_id = :assignment and kind = :kind and remind_on = :day
				""")
			.param("channel", channel.name())
			.param("recipient", cap(target.recipient(), 64))
			.param("assignment", r.assignmentId())
			.param("kind", r.kind().name())
			.param("day", r.day())
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}

	public void delivered(long id) {
		jdbc.sql("update notification set delivered = true, error = null where id = :id").param("id", id).update();
	}

	public void failed(long id, String error) {
		jdbc.sql("update notification set delivered = false, error = :e where id = :id")
			.param("e", cap(error == null ? "error" : error, 500))
			.param("id", id)
			.update();
	}

	/** A user's in-app notifications, newest day first, and within a day the most urgent first. */
	public List<NotificationView> ofUser(long userId, int offset, int limit) {
		return jdbc.sql(SELECT + """
				 where user_id = :u and channel = 'IN_APP'
				order by remind_on desc,
				  case kind when 'OVERDUE' then 0 when 'DUE_1' then 1 when 'DUE_3' then 2 else 3 end, id desc
				limit :limit offset :offset""")
			.param("u", userId)
			.param("limit", limit)
			.param("offset", offset)
			.query(NotificationStore::map)
			.list();
	}

	public long countOfUser(long userId) {
		return jdbc.sql("select count(*) from notification where user_id = :u and channel = 'IN_APP'")
			.param("u", userId)
			.query(Long.class)
			.single();
	}

	public long unreadOfUser(long userId) {
		return jdbc.sql("select count(*) from notification where user_id = :u and channel = 'IN_APP' and read_at is null")
			.param("u", userId)
			.query(Long.class)
			.single();
	}

	public Optional<NotificationView> findOfUser(long userId, long id) {
		return jdbc.sql(SELECT + " where id = :id and user_id = :u and channel = 'IN_APP'")
			.param("id", id)
			.param("u", userId)
			.query(NotificationStore::map)
			.optional();
	}

	public int markRead(long userId, long id, Instant now) {
		return jdbc.sql("""
				update notification set read_at = :now
				where id = :id and user_id = :u and channel = 'IN_APP' and read_at is null
				""")
			.param("now", utc(now))
			.param("id", id)
			.param("u", userId)
			.update();
	}

	public int markAllRead(long userId, Instant now) {
		return jdbc.sql("""
				update notification set read_at = :now where user_id = :u and channel = 'IN_APP' and read_at is null
				""")
			.param("now", utc(now))
			.param("u", userId)
			.update();
	}

	// --- notices (report approved or returned, the review digest)

	/** One notice in the app, already delivered; false when the same notice (kind and ref) was stored before. */
	/**
	 * An in-app notice as it goes to each recipient: what it is about (kind, assignment, day) and what
	 * it says; {@code ref} with the recipient and kind makes a repeat a no-op.
	 */
	public record Notice(long cityId, NoticeKind kind, Long assignmentId, LocalDate day, String subject, String title,
			String body, String link, String ref) {
	}

	/** Delivers the notice to one user; false when they already have it. */
	public boolean insertNotice(Notice n, long userId, String username, Instant now) {
		return jdbc.sql("""
				insert into notification (city_id, user_id, channel, recipient, kind, assignment_id, remind_on, subject,
				    title, body, link, ref, created_at, delivered)
				values (:city, :user, 'IN_APP', :recipient, :kind, :assignment, :day, :subject, :title, :body, :link, :ref,
				    :now, true)
				on conflict do nothing
				""")
			.param("city", n.cityId())
			.param("user", userId)
			.param("recipient", cap(username, 64))
			.param("kind", n.kind().name())
			.param("assignment", n.assignmentId())
			.param("day", n.day())
			.param("subject", cap(n.subject(), 300))
			.param("title", cap(n.title(), 300))
			.param("body", cap(n.body(), 2000))
			.param("link", cap(n.link(), 300))
			.param("ref", cap(n.ref(), 64))
			.param("now", utc(now))
			.update() == 1;
	}

	// --- arrivals for the review digest

	/** Notes a report that arrived for review; a repeated event changes nothing. */
	public void recordArrival(long reportId, long cityId, Instant submittedAt) {
		jdbc.sql("""
				insert into review_arrival (report_id, city_id, submitted_at) values (:r, :c, :at)
				on conflict do nothing
				""")
			.param("r", reportId)
			.param("c", cityId)
			.param("at", utc(submittedAt))
			.update();
	}

	/** A report decided before any digest told of it needs no digest. */
	public void forgetArrival(long reportId) {
		jdbc.sql("delete from review_arrival where report_id = :r and digest_hour is null").param("r", reportId).update();
	}

	/** Cities with arrivals before {@code until} that no digest has told of yet. */
	public List<Long> citiesWithArrivals(Instant until) {
		return jdbc.sql("select distinct city_id from review_arrival where digest_hour is null and submitted_at < :until order by city_id")
			.param("until", utc(until))
			.query(Long.class)
			.list();
	}

	/**
	 * Claims a city's untold arrivals before {@code until} for the digest of {@code hour}; returns
	 * how many. One UPDATE: a second run (another node, the same hour again) claims none.
	 */
	public int claimArrivals(long cityId, Instant hour, Instant until) {
		return jdbc.sql("""
				update review_arrival set digest_hour = :hour
				where city_id = :c and digest_hour is null and submitted_at < :until
				""")
			.param("hour", utc(hour))
			.param("c", cityId)
			.param("until", utc(until))
			.update();
	}

	/** Forgets arrivals digested before the instant (they were told; only recent ones matter). */
	public int purgeArrivals(Instant before) {
		return jdbc.sql("delete from review_arrival where digest_hour < :before").param("before", utc(before)).update();
	}

	// --- contact addresses

	public Map<Long, String> emails(List<Long> userIds) {
		Map<Long, String> map = new HashMap<>();
		if (userIds.isEmpty()) {
			return map;
		}
		jdbc.sql("select user_id, email from user_contact where user_id in (:ids)")
			.param("ids", userIds)
			.query(rs -> {
				map.put(rs.getLong(1), rs.getString(2));
			});
		return map;
	}

	public Optional<String> email(long userId) {
		return Optional.ofNullable(emails(List.of(userId)).get(userId));
	}

	public void saveEmail(long userId, String email, Instant now) {
		int changed = jdbc.sql("update user_contact set email = :e, updated_at = :now where user_id = :u")
			.param("e", email)
			.param("now", utc(now))
			.param("u", userId)
			.update();
		if (changed == 0) {
			jdbc.sql("insert into user_contact (user_id, email, updated_at) values (:u, :e, :now)")
				.param("u", userId)
				.param("e", email)
				.param("now", utc(now))
				.update();
		}
	}

	public void deleteEmail(long userId) {
		jdbc.sql("delete from user_contact where user_id = :u").param("u", userId).update();
	}

	static NotificationView map(ResultSet rs, int n) throws SQLException {
		String kind = rs.getString("kind");
		boolean notice = java.util.Arrays.stream(NoticeKind.values()).anyMatch(k -> k.name().equals(kind));
		long assignment = rs.getLong("assignment_id");
		Long assignmentId = rs.wasNull() ? null : assignment;
		return new NotificationView(rs.getLong("id"), notice ? null : ReminderKind.valueOf(kind),
				notice ? NoticeKind.valueOf(kind) : null, assignmentId, rs.getObject("remind_on", LocalDate.class),
				rs.getString("subject"), rs.getObject("deadline", LocalDate.class), rs.getString("title"),
				rs.getString("body"), rs.getString("link"), instant(rs, "created_at"), instant(rs, "read_at"));
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	static String cap(String s, int max) {
		if (s == null) {
			return null;
		}
		return s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}

}
