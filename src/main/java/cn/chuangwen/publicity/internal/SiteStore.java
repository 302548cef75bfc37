package cn.chuangwen.publicity.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.publicity.DemonstrationSite;
import cn.chuangwen.publicity.SiteKind;
import cn.chuangwen.publicity.SiteState;
import cn.chuangwen.publicity.SiteSummary;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.PageRequest;

/** SQL of demonstration sites (示范点) and their photos. */
@Repository
public class SiteStore {

	private static final String SELECT = """
			select s.id, s.city_id, c.code as city_code, c.name as city_name, s.unit_id, u.name as unit_name, s.name,
			    s.kind, s.address, s.latitude, s.longitude, s.description, s.year_named, s.state, s.withdrawn_reason,
			    s.version
			from demonstration_site s join city c on c.id = s.city_id join unit u on u.id = s.unit_id""";

	private static final String ORDER = " order by case s.state when 'NAMED' then 0 when 'CANDIDATE' then 1 else 2 end,"
			+ " s.kind, s.name, s.id";

	/** A list's filter: a kind, a state, or both; null is any. */
	public record Filter(SiteKind kind, SiteState state) {

		String sql() {
			return (kind == null ? "" : " and s.kind = :kind") + (state == null ? "" : " and s.state = :state");
		}

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
			return spec.param("kind", kind == null ? "" : kind.name()).param("state", state == null ? "" : state.name());
		}

	}

	/** A site's fields as checked, to insert or to replace. */
	public record Fields(long unitId, String name, SiteKind kind, String address, GeoPoint place, String description,
			Integer yearNamed) {
	}

	private final JdbcClient jdbc;

	public SiteStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Sites of the cities in scope (a site is the city's, whichever unit is in charge): named first. */
	public List<DemonstrationSite> page(ScopeSql s, Filter f, PageRequest page) {
		return withPhotos(f.bind(s.bind(jdbc.sql(SELECT + " where " + s.city("s.city_id") + f.sql() + ORDER
				+ " limit :limit offset :offset")))
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(SiteStore::row)
			.list());
	}

	public long count(ScopeSql s, Filter f) {
		return f.bind(s.bind(jdbc.sql("select count(*) from demonstration_site s where " + s.city("s.city_id") + f.sql())))
			.query(Long.class)
			.single();
	}

	public Optional<DemonstrationSite> find(ScopeSql s, long id) {
		return s.bind(jdbc.sql(SELECT + " where s.id = :id and " + s.city("s.city_id")))
			.param("id", id)
			.query(SiteStore::row)
			.optional()
			.map(x -> withPhotos(List.of(x)).get(0));
	}

	/** A city's named sites, of one kind or all (the public list and map, and other modules). */
	public List<DemonstrationSite> named(long cityId, SiteKind kind, PageRequest page) {
		return withPhotos(new Filter(kind, SiteState.NAMED)
			.bind(jdbc.sql(SELECT + " where s.city_id = :c" + new Filter(kind, SiteState.NAMED).sql() + ORDER
					+ " limit :limit offset :offset"))
			.param("c", cityId)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(SiteStore::row)
			.list());
	}

	public long namedCount(long cityId, SiteKind kind) {
		return new Filter(kind, SiteState.NAMED)
			.bind(jdbc.sql("select count(*) from demonstration_site s where s.city_id = :c"
					+ new Filter(kind, SiteState.NAMED).sql()))
			.param("c", cityId)
			.query(Long.class)
			.single();
	}

	/** One named site of a city; empty when unknown, of another city, or not named. */
	public Optional<DemonstrationSite> namedOne(long cityId, long id) {
		return jdbc.sql(SELECT + " where s.id = :id and s.city_id = :c and s.state = 'NAMED'")
			.param("id", id)
			.param("c", cityId)
			.query(SiteStore::row)
			.optional()
			.map(x -> withPhotos(List.of(x)).get(0));
	}

	/** The city's sites that are not withdrawn, in short and by name, at most {@code max}. */
	public List<SiteSummary> selectable(long cityId, int max) {
		return jdbc.sql("select id, name, kind, latitude, longitude from demonstration_site"
				+ " where city_id = :c and state <> 'WITHDRAWN' order by name, id limit :max")
			.param("c", cityId)
			.param("max", max)
			.query(SiteStore::summary)
			.list();
	}

	public Optional<SiteSummary> selectableOne(long cityId, long id) {
		return jdbc.sql("select id, name, kind, latitude, longitude from demonstration_site"
				+ " where id = :id and city_id = :c and state <> 'WITHDRAWN'")
			.param("id", id)
			.param("c", cityId)
			.query(SiteStore::summary)
			.optional();
	}

	private static SiteSummary summary(ResultSet rs, int n) throws SQLException {
		return new SiteSummary(rs.getLong("id"), rs.getString("name"), SiteKind.valueOf(rs.getString("kind")),
				rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"));
	}

	public boolean nameTaken(long cityId, String name, long exceptId) {
		return jdbc.sql("select count(*) from demonstration_site where city_id = :c and name = :n and id <> :id")
			.param("c", cityId)
			.param("n", name)
			.param("id", exceptId)
			.query(Long.class)
			.single() > 0;
	}

	/** A locked row's state and version. */
	public record Locked(SiteState state, int version) {
	}

	/** Locks the site's row for a change of state or photos (two changes at once cannot both pass a check). */
	public Optional<Locked> lock(long id) {
		return jdbc.sql("select state, version from demonstration_site where id = :id for update")
			.param("id", id)
			.query((rs, n) -> new Locked(SiteState.valueOf(rs.getString(1)), rs.getInt(2)))
			.optional();
	}

	public long insert(long cityId, Fields f, String by, Instant at) {
		var keys = new GeneratedKeyHolder();
		bind(jdbc.sql("""
				insert into demonstration_site (city_id, unit_id, name, kind, address, latitude, longitude, description,
				    year_named, state, created_by, created_at, updated_at)
				values (:c, :u, :n, :k, :a, :lat, :lng, :d, :y, 'CANDIDATE', :by, :at, :at)"""), f)
			.param("c", cityId)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** Replaces the fields if the row is still at {@code version}; false when someone saved first. */
	public boolean update(long id, int version, Fields f, Instant at) {
		return bind(jdbc.sql("""
				update demonstration_site set unit_id = :u, name = :n, kind = :k, address = :a, latitude = :lat,
				    longitude = :lng, description = :d, year_named = :y, updated_at = :at, version = version + 1
				where id = :id and version = :v"""), f)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.param("v", version)
			.update() == 1;
	}

	public void setState(long id, SiteState state, Integer yearNamed, String reason, Instant at) {
		jdbc.sql("""
				update demonstration_site set state = :s, year_named = :y, withdrawn_reason = :r, updated_at = :at,
				    version = version + 1
				where id = :id""")
			.param("s", state.name())
			.param("y", yearNamed)
			.param("r", reason)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	/** Adds a photo after the site's last one; the caller holds the row's lock. */
	public void addPhoto(long siteId, long fileId, long publicFileId) {
		jdbc.sql("""
				insert into demonstration_site_photo (site_id, position, file_id, public_file_id)
				select :s, coalesce(max(position), 0) + 1, :f, :pf from demonstration_site_photo where site_id = :s""")
			.param("s", siteId)
			.param("f", fileId)
			.param("pf", publicFileId)
			.update();
	}

	public void touch(long id, Instant at) {
		jdbc.sql("update demonstration_site set updated_at = :at, version = version + 1 where id = :id")
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Fields f) {
		return spec.param("u", f.unitId())
			.param("n", f.name())
			.param("k", f.kind().name())
			.param("a", f.address())
			.param("lat", f.place().latitude())
			.param("lng", f.place().longitude())
			.param("d", f.description())
			.param("y", f.yearNamed());
	}

	private List<DemonstrationSite> withPhotos(List<DemonstrationSite> sites) {
		if (sites.isEmpty()) {
			return sites;
		}
		Map<Long, List<DemonstrationSite.Photo>> photos = photos(sites.stream().map(DemonstrationSite::id).toList());
		return sites.stream()
			.map(s -> new DemonstrationSite(s.id(), s.city(), s.unitId(), s.unitName(), s.name(), s.kind(), s.address(),
					s.place(), s.description(), s.standing(), photos.getOrDefault(s.id(), List.of()), s.version()))
			.toList();
	}

	private Map<Long, List<DemonstrationSite.Photo>> photos(Collection<Long> ids) {
		Map<Long, List<DemonstrationSite.Photo>> out = new HashMap<>();
		jdbc.sql("select site_id, file_id, public_file_id from demonstration_site_photo where site_id in (:ids)"
				+ " order by site_id, position")
			.param("ids", ids)
			.query((rs, n) -> {
				out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new DemonstrationSite.Photo(rs.getLong(2), rs.getLong(3)));
				return null;
			})
			.list();
		return out;
	}

	private static DemonstrationSite row(ResultSet rs, int n) throws SQLException {
		int year = rs.getInt("year_named");
		Integer yearNamed = rs.wasNull() ? null : year;
		BigDecimal lat = rs.getBigDecimal("latitude");
		BigDecimal lng = rs.getBigDecimal("longitude");
		return new DemonstrationSite(rs.getLong("id"),
				new DemonstrationSite.City(rs.getLong("city_id"), rs.getString("city_code"), rs.getString("city_name")),
				rs.getLong("unit_id"), rs.getString("unit_name"), rs.getString("name"), SiteKind.valueOf(rs.getString("kind")),
				rs.getString("address"), new GeoPoint(lat, lng), rs.getString("description"),
				new DemonstrationSite.Standing(SiteState.valueOf(rs.getString("state")), yearNamed,
						rs.getString("withdrawn_reason")),
				List.of(), rs.getInt("version"));
	}

}
