package cn.chuangwen.participation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.shared.PageRequest;

/** SQL for the exposure column (曝光台): items and their public photos. Every read names the city. */
@Repository
public class ExposureStore {

	public record ItemRow(long id, long cityId, long problemId, String problemCode, String title, String body,
			boolean published, String publishedBy, Instant publishedAt, Instant updatedAt, String unpublishedBy,
			Instant unpublishedAt, String unpublishReason, int version) {
	}

	public record PhotoRow(long id, long itemId, String stage, long problemPhotoId, long fileId, long publicFileId,
			String regions, int position) {
	}

	public record NewPhoto(String stage, long problemPhotoId, long fileId, long publicFileId, String regions,
			int position) {
	}

	private static final String SELECT = """
			select e.id, e.city_id, e.problem_id, p.code as problem_code, e.title, e.body, e.published, e.published_by,
			    e.published_at, e.updated_at, e.unpublished_by, e.unpublished_at, e.unpublish_reason, e.version
			from exposure_item e join problem p on p.id = e.problem_id
			""";

	private final JdbcClient jdbc;

	public ExposureStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<ItemRow> find(long cityId, long id) {
		return jdbc.sql(SELECT + " where e.city_id = :c and e.id = :id")
			.param("c", cityId)
			.param("id", id)
			.query(ExposureStore::item)
			.optional();
	}

	public Optional<ItemRow> findByProblem(long cityId, long problemId) {
		return jdbc.sql(SELECT + " where e.city_id = :c and e.problem_id = :p")
			.param("c", cityId)
			.param("p", problemId)
			.query(ExposureStore::item)
			.optional();
	}

	/** A city's items, newest first; {@code publishedOnly} for the public. */
	public List<ItemRow> page(long cityId, boolean publishedOnly, PageRequest page) {
		return jdbc.sql(SELECT + " where e.city_id = :c" + (publishedOnly ? " and e.published = true" : "")
				+ " order by e.published_at desc, e.id desc limit :limit offset :offset")
			.param("c", cityId)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(ExposureStore::item)
			.list();
	}

	public long count(long cityId, boolean publishedOnly) {
		return jdbc.sql("select count(*) from exposure_item e where e.city_id = :c"
				+ (publishedOnly ? " and e.published = true" : ""))
			.param("c", cityId)
			.query(Long.class)
			.single();
	}

	public long insert(long cityId, long problemId, String title, String body, String by, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into exposure_item (city_id, problem_id, title, body, published, published_by, published_at, updated_at)
				values (:c, :p, :title, :body, true, :by, :at, :at)""")
			.param("c", cityId)
			.param("p", problemId)
			.param("title", title)
			.param("body", body)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/**
	 * New words, published (again if it was not): the first publication's time and author stay
	 * unless it comes back from being unpublished. False when someone changed it since {@code version}.
	 */
	public boolean update(long id, int version, String title, String body, boolean republish, String by, Instant at) {
		return jdbc.sql("update exposure_item set title = :title, body = :body, published = true, updated_at = :at,"
				+ (republish ? " published_by = :by, published_at = :at," : "")
				+ " unpublished_by = null, unpublished_at = null, unpublish_reason = null, version = version + 1"
				+ " where id = :id and version = :v")
			.param("title", title)
			.param("body", body)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.param("v", version)
			.update() == 1;
	}

	public boolean unpublish(long id, int version, String by, String reason, Instant at) {
		return jdbc.sql("""
				update exposure_item set published = false, unpublished_by = :by, unpublished_at = :at,
				    unpublish_reason = :reason, updated_at = :at, version = version + 1
				where id = :id and version = :v and published = true""")
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("reason", reason)
			.param("id", id)
			.param("v", version)
			.update() == 1;
	}

	public List<PhotoRow> photos(long itemId) {
		return jdbc.sql("""
				select id, item_id, stage, problem_photo_id, file_id, public_file_id, regions, position
				from exposure_photo where item_id = :i order by stage desc, position, id""")
			.param("i", itemId)
			.query(ExposureStore::photo)
			.list();
	}

	/** The photos of several items at once (a page of the list): one query, not one per row. */
	public List<PhotoRow> photos(Collection<Long> itemIds) {
		if (itemIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select id, item_id, stage, problem_photo_id, file_id, public_file_id, regions, position
				from exposure_photo where item_id in (:ids) order by item_id, stage desc, position, id""")
			.param("ids", itemIds)
			.query(ExposureStore::photo)
			.list();
	}

	/** Replaces an item's photos: the public copies of an earlier publication are no longer shown. */
	public void replacePhotos(long itemId, long cityId, List<NewPhoto> photos) {
		jdbc.sql("delete from exposure_photo where item_id = :i").param("i", itemId).update();
		for (NewPhoto p : photos) {
			jdbc.sql("""
					insert into exposure_photo (item_id, city_id, stage, problem_photo_id, file_id, public_file_id, regions, position)
					values (:i, :c, :stage, :pp, :f, :pf, :regions, :pos)""")
				.param("i", itemId)
				.param("c", cityId)
				.param("stage", p.stage())
				.param("pp", p.problemPhotoId())
				.param("f", p.fileId())
				.param("pf", p.publicFileId())
				.param("regions", p.regions())
				.param("pos", p.position())
				.update();
		}
	}

	/** The ids of the city's problems already on the column (published or not). */
	public List<Long> problemIds(long cityId) {
		return jdbc.sql("select problem_id from exposure_item where city_id = :c").param("c", cityId).query(Long.class).list();
	}

	static ItemRow item(ResultSet rs, int n) throws SQLException {
		return new ItemRow(rs.getLong("id"), rs.getLong("city_id"), rs.getLong("problem_id"), rs.getString("problem_code"),
				rs.getString("title"), rs.getString("body"), rs.getBoolean("published"), rs.getString("published_by"),
				CitizenReportStore.instant(rs, "published_at"), CitizenReportStore.instant(rs, "updated_at"),
				rs.getString("unpublished_by"), CitizenReportStore.instant(rs, "unpublished_at"),
				rs.getString("unpublish_reason"), rs.getInt("version"));
	}

	static PhotoRow photo(ResultSet rs, int n) throws SQLException {
		return new PhotoRow(rs.getLong("id"), rs.getLong("item_id"), rs.getString("stage"), rs.getLong("problem_photo_id"),
				rs.getLong("file_id"), rs.getLong("public_file_id"), rs.getString("regions"), rs.getInt("position"));
	}

}
