package cn.chuangwen.publicity.internal;

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
import cn.chuangwen.publicity.NewsItem;
import cn.chuangwen.publicity.NewsState;
import cn.chuangwen.shared.PageRequest;

/** SQL of news items (创建动态) and their photos. */
@Repository
public class NewsStore {

	private static final String SELECT = """
			select n.id, n.city_id, c.code as city_code, n.unit_id, u.name as unit_name, n.title, n.body, n.project_id,
			    n.state, n.return_reason, n.submitted_by, n.submitted_at, n.reviewed_by, n.reviewed_at
			from publicity_news n join city c on c.id = n.city_id join unit u on u.id = n.unit_id""";

	/** A news item to store. */
	public record NewNews(long cityId, long unitId, String title, String body, Long projectId, String by) {
	}

	private final JdbcClient jdbc;

	public NewsStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The scope over a news item: its city, and below a whole city its unit. */
	private static String scope(ScopeSql s) {
		return s.cityAndUnit("n.city_id", "u.path");
	}

	private static String state(NewsState state) {
		return state == null ? " " : " and n.state = :state ";
	}

	/** Items in scope, optionally of one state: waiting ones first, then the newest. */
	public List<NewsItem> page(ScopeSql s, NewsState state, PageRequest page) {
		return withPhotos(s.bind(jdbc.sql(SELECT + " where" + scope(s) + state(state)
				+ "order by case when n.state = 'SUBMITTED' then 0 else 1 end, n.submitted_at desc, n.id desc"
				+ " limit :limit offset :offset"))
			.param("state", state == null ? "" : state.name())
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(NewsStore::row)
			.list());
	}

	public long count(ScopeSql s, NewsState state) {
		return s.bind(jdbc.sql("select count(*) from publicity_news n join unit u on u.id = n.unit_id where" + scope(s)
				+ state(state)))
			.param("state", state == null ? "" : state.name())
			.query(Long.class)
			.single();
	}

	public Optional<NewsItem> find(ScopeSql s, long id) {
		return s.bind(jdbc.sql(SELECT + " where n.id = :id and" + scope(s)))
			.param("id", id)
			.query(NewsStore::row)
			.optional()
			.map(n -> withPhotos(List.of(n)).get(0));
	}

	/** A city's published items, newest first; {@code projectId} narrows to the ones naming that project. */
	public List<NewsItem> published(long cityId, Long projectId, PageRequest page) {
		return withPhotos(jdbc.sql(SELECT + " where n.city_id = :c and n.state = 'PUBLISHED'"
				+ (projectId == null ? "" : " and n.project_id = :p")
				+ " order by n.reviewed_at desc, n.id desc limit :limit offset :offset")
			.param("c", cityId)
			.param("p", projectId == null ? -1L : projectId)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(NewsStore::row)
			.list());
	}

	public long publishedCount(long cityId) {
		return jdbc.sql("select count(*) from publicity_news where city_id = :c and state = 'PUBLISHED'")
			.param("c", cityId)
			.query(Long.class)
			.single();
	}

	public Optional<NewsItem> publishedItem(long cityId, long id) {
		return jdbc.sql(SELECT + " where n.id = :id and n.city_id = :c and n.state = 'PUBLISHED'")
			.param("id", id)
			.param("c", cityId)
			.query(NewsStore::row)
			.optional()
			.map(n -> withPhotos(List.of(n)).get(0));
	}

	/** Locks the item's row for a review (two reviews at once cannot both pass the state check). */
	public Optional<NewsState> lockState(long id) {
		return jdbc.sql("select state from publicity_news where id = :id for update")
			.param("id", id)
			.query(String.class)
			.optional()
			.map(NewsState::valueOf);
	}

	public long insert(NewNews n, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into publicity_news (city_id, unit_id, title, body, project_id, state, submitted_by, submitted_at)
				values (:c, :u, :t, :b, :p, 'SUBMITTED', :by, :at)""")
			.param("c", n.cityId())
			.param("u", n.unitId())
			.param("t", n.title())
			.param("b", n.body())
			.param("p", n.projectId())
			.param("by", n.by())
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void insertPhoto(long newsId, int position, long fileId, long publicFileId) {
		jdbc.sql("""
				insert into publicity_news_photo (news_id, position, file_id, public_file_id) values (:n, :p, :f, :pf)""")
			.param("n", newsId)
			.param("p", position)
			.param("f", fileId)
			.param("pf", publicFileId)
			.update();
	}

	public void review(long id, NewsState state, String reason, String by, Instant at) {
		jdbc.sql("""
				update publicity_news set state = :s, return_reason = :r, reviewed_by = :by, reviewed_at = :at,
				    version = version + 1
				where id = :id""")
			.param("s", state.name())
			.param("r", reason)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	private List<NewsItem> withPhotos(List<NewsItem> items) {
		if (items.isEmpty()) {
			return items;
		}
		Map<Long, List<NewsItem.Photo>> photos = photos(items.stream().map(NewsItem::id).toList());
		return items.stream()
			.map(n -> new NewsItem(n.id(), n.cityId(), n.cityCode(), n.unitId(), n.unitName(), n.title(), n.body(),
					n.projectId(), n.submittedBy(), n.submittedAt(), n.review(), photos.getOrDefault(n.id(), List.of())))
			.toList();
	}

	private Map<Long, List<NewsItem.Photo>> photos(Collection<Long> ids) {
		Map<Long, List<NewsItem.Photo>> out = new HashMap<>();
		jdbc.sql("select news_id, file_id, public_file_id from publicity_news_photo where news_id in (:ids)"
				+ " order by news_id, position")
			.param("ids", ids)
			.query((rs, n) -> {
				out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new NewsItem.Photo(rs.getLong(2), rs.getLong(3)));
				return null;
			})
			.list();
		return out;
	}

	private static NewsItem row(ResultSet rs, int n) throws SQLException {
		long project = rs.getLong("project_id");
		Long projectId = rs.wasNull() ? null : project;
		Timestamp reviewed = rs.getTimestamp("reviewed_at");
		return new NewsItem(rs.getLong("id"), rs.getLong("city_id"), rs.getString("city_code"), rs.getLong("unit_id"),
				rs.getString("unit_name"), rs.getString("title"), rs.getString("body"), projectId,
				rs.getString("submitted_by"), rs.getTimestamp("submitted_at").toInstant(),
				new NewsItem.Review(NewsState.valueOf(rs.getString("state")), rs.getString("return_reason"),
						rs.getString("reviewed_by"), reviewed == null ? null : reviewed.toInstant()),
				List.of());
	}

}
