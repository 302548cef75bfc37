package cn.chuangwen.files.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.files.FileKind;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.shared.GeoPoint;

/** SQL for stored_file rows. Access checks belong to the module that owns the evidence. */
@Repository
public class StoredFileRows {

	static final String SELECT = """
			select id, city_id, sha256, name, kind, content_type, size, captured_at, thumbnail, uploaded_by, uploaded_at,
			       latitude, longitude
			from stored_file
			""";

	/** Ids per query: keeps the IN list well inside every driver's bind-parameter limit. */
	static final int CHUNK = 500;

	private final JdbcClient jdbc;

	public StoredFileRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A row to insert; width, height and place are kept for images (null otherwise, place also without GPS). */
	public record NewRow(long cityId, String sha256, String name, FileKind kind, long size, Instant capturedAt,
			Integer width, Integer height, boolean thumbnail, String uploadedBy, Instant uploadedAt, GeoPoint place) {
	}

	public long insert(NewRow r) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into stored_file (city_id, sha256, name, kind, content_type, size, captured_at, width, height,
				                         thumbnail, uploaded_by, uploaded_at, latitude, longitude)
				values (:cityId, :sha256, :name, :kind, :contentType, :size, :capturedAt, :width, :height,
				        :thumbnail, :uploadedBy, :uploadedAt, :latitude, :longitude)
				""")
			.param("cityId", r.cityId())
			.param("sha256", r.sha256())
			.param("name", r.name())
			.param("kind", r.kind().name())
			.param("contentType", r.kind().contentType())
			.param("size", r.size())
			.param("capturedAt", utc(r.capturedAt()))
			.param("width", r.width())
			.param("height", r.height())
			.param("thumbnail", r.thumbnail())
			.param("uploadedBy", r.uploadedBy())
			.param("uploadedAt", utc(r.uploadedAt()))
			.param("latitude", r.place() == null ? null : r.place().latitude(), Types.NUMERIC)
			.param("longitude", r.place() == null ? null : r.place().longitude(), Types.NUMERIC)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** Whether any committed row (visible to the caller's transaction) holds this content. */
	public boolean referenced(String sha256) {
		return jdbc.sql("select count(*) from stored_file where sha256 = :sha").param("sha", sha256)
			.query(Long.class)
			.single() > 0;
	}

	public Optional<StoredFile> find(long id) {
		return jdbc.sql(SELECT + " where id = :id").param("id", id).query(StoredFileRows::map).optional();
	}

	/** The rows of the ids that exist, ordered by id. */
	public List<StoredFile> findAll(Collection<Long> ids) {
		List<Long> distinct = ids.stream().filter(Objects::nonNull).distinct().sorted().toList();
		List<StoredFile> found = new ArrayList<>();
		for (int i = 0; i < distinct.size(); i += CHUNK) {
			found.addAll(jdbc.sql(SELECT + " where id in (:ids) order by id")
				.param("ids", distinct.subList(i, Math.min(distinct.size(), i + CHUNK)))
				.query(StoredFileRows::map)
				.list());
		}
		return found;
	}

	static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	static StoredFile map(ResultSet rs, int row) throws SQLException {
		return new StoredFile(rs.getLong("id"), rs.getLong("city_id"), rs.getString("sha256"), rs.getString("name"),
				FileKind.valueOf(rs.getString("kind")), rs.getString("content_type"), rs.getLong("size"),
				instant(rs, "captured_at"), rs.getBoolean("thumbnail"), rs.getString("uploaded_by"),
				instant(rs, "uploaded_at"),
				GeoPoint.of(rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude")).orElse(null));
	}

}
