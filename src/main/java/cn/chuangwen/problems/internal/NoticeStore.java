package cn.chuangwen.problems.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/** SQL for rectification notices and supervision letters. Reads take a {@link ProblemScope}. */
@Repository
public class NoticeStore {

	public record Row(long id, long cityId, String kind, String number, long unitId, String unitName, String unitPath,
			Instant deadline, String requirements, String issuingBody, String issuedBy, Instant issuedAt,
			String receivedBy, Instant receivedAt, String replyText, String repliedBy, Instant repliedAt, int version) {
	}

	public record FileRow(long id, long fileId, String name, Instant createdAt) {
	}

	private static final String FROM = " from problem_notice n join unit nu on nu.id = n.unit_id ";

	private static final String SELECT = """
			select n.id, n.city_id, n.kind, n.number, n.unit_id, nu.name as unit_name, nu.path as unit_path, n.deadline,
			       n.requirements, n.issuing_body, n.issued_by, n.issued_at, n.received_by, n.received_at, n.reply_text,
			       n.replied_by, n.replied_at, n.version""" + FROM;

	private final JdbcClient jdbc;

	public NoticeStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A notice to store: its number, unit, deadline and text, who issued it, and its problems in order. */
	public record NewNotice(long cityId, String kind, String number, long unitId, Instant deadline, String requirements,
			String issuingBody, String issuedBy, Instant issuedAt, List<Long> problemIds) {
	}

	public long insert(NewNotice n) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into problem_notice (city_id, kind, number, unit_id, deadline, requirements, issuing_body,
				    issued_by, issued_at)
				values (:c, :k, :n, :u, :d, :r, :b, :by, :at)""")
			.param("c", n.cityId())
			.param("k", n.kind())
			.param("n", n.number())
			.param("u", n.unitId())
			.param("d", ProblemStore.utc(n.deadline()))
			.param("r", n.requirements())
			.param("b", n.issuingBody())
			.param("by", n.issuedBy())
			.param("at", ProblemStore.utc(n.issuedAt()))
			.update(keys, "id");
		long id = keys.getKey().longValue();
		int position = 0;
		for (Long problemId : n.problemIds()) {
			jdbc.sql("insert into problem_notice_item (notice_id, problem_id, position) values (:n, :p, :pos)")
				.param("n", id)
				.param("p", problemId)
				.param("pos", position++)
				.update();
		}
		return id;
	}

	public Optional<Row> find(ProblemScope scope, long id) {
		return scope.bind(jdbc.sql(SELECT + " where n.id = :id and " + scope.noticePredicate()))
			.param("id", id)
			.query(NoticeStore::map)
			.optional();
	}

	/** The notices the caller may see, newest first; {@code unitId} and {@code unreceived} narrow them. */
	public Page<Row> page(ProblemScope scope, Long cityId, Long unitId, boolean unreceived, PageRequest page) {
		String where = " where " + scope.noticePredicate() + (cityId == null ? "" : " and n.city_id = :city")
				+ (unitId == null ? "" : " and n.unit_id = :unit") + (unreceived ? " and n.received_at is null" : "");
		return Page.read(page,
				() -> scope.bind(jdbc.sql(SELECT + where + " order by n.issued_at desc, n.id desc limit :limit offset :offset"))
					.param("city", cityId)
					.param("unit", unitId)
					.param("limit", page.size())
					.param("offset", page.offset())
					.query(NoticeStore::map)
					.list(),
				() -> scope.bind(jdbc.sql("select count(*)" + FROM + where))
					.param("city", cityId)
					.param("unit", unitId)
					.query(Long.class)
					.single());
	}

	/** The notices a problem is on, newest first, as the caller may see them. */
	public List<Row> ofProblem(ProblemScope scope, long problemId) {
		return scope.bind(jdbc.sql(SELECT + " join problem_notice_item i on i.notice_id = n.id where i.problem_id = :p and "
				+ scope.noticePredicate() + " order by n.issued_at desc, n.id desc"))
			.param("p", problemId)
			.query(NoticeStore::map)
			.list();
	}

	public List<Long> problemIds(long noticeId) {
		return jdbc.sql("select problem_id from problem_notice_item where notice_id = :n order by position")
			.param("n", noticeId)
			.query(Long.class)
			.list();
	}

	/** Signs for the notice unless someone has; false when it was signed already. */
	public boolean receive(long id, String by, Instant at) {
		return jdbc.sql("""
				update problem_notice set received_by = :by, received_at = :at, version = version + 1
				where id = :id and received_at is null""")
			.param("by", by)
			.param("at", ProblemStore.utc(at))
			.param("id", id)
			.update() == 1;
	}

	/** The reply of a supervision letter, once; false when it has one already. */
	public boolean reply(long id, String text, String by, Instant at) {
		return jdbc.sql("""
				update problem_notice set reply_text = :t, replied_by = :by, replied_at = :at, version = version + 1,
				    received_by = coalesce(received_by, :by), received_at = coalesce(received_at, :at)
				where id = :id and replied_at is null""")
			.param("t", text)
			.param("by", by)
			.param("at", ProblemStore.utc(at))
			.param("id", id)
			.update() == 1;
	}

	public void insertFile(long noticeId, long fileId, String name, Instant at) {
		jdbc.sql("insert into problem_notice_file (notice_id, file_id, name, created_at) values (:n, :f, :name, :at)")
			.param("n", noticeId)
			.param("f", fileId)
			.param("name", name)
			.param("at", ProblemStore.utc(at))
			.update();
	}

	public List<FileRow> files(long noticeId) {
		return jdbc.sql("select id, file_id, name, created_at from problem_notice_file where notice_id = :n order by id")
			.param("n", noticeId)
			.query((rs, n) -> new FileRow(rs.getLong(1), rs.getLong(2), rs.getString(3), ProblemStore.instant(rs, "created_at")))
			.list();
	}

	/** Notices of every city not signed for since before {@code before}: for the daily chase. */
	public List<Row> unreceivedSince(Instant before) {
		return jdbc.sql(SELECT + " where n.received_at is null and n.issued_at < :before order by n.id")
			.param("before", ProblemStore.utc(before))
			.query(NoticeStore::map)
			.list();
	}

	private static Row map(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getLong("city_id"), rs.getString("kind"), rs.getString("number"),
				rs.getLong("unit_id"), rs.getString("unit_name"), rs.getString("unit_path"), ProblemStore.instant(rs, "deadline"),
				rs.getString("requirements"), rs.getString("issuing_body"), rs.getString("issued_by"),
				ProblemStore.instant(rs, "issued_at"), rs.getString("received_by"), ProblemStore.instant(rs, "received_at"),
				rs.getString("reply_text"), rs.getString("replied_by"), ProblemStore.instant(rs, "replied_at"), rs.getInt("version"));
	}

}
