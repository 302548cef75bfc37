package cn.chuangwen.inspections.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.inspections.ChecklistInUse;
import cn.chuangwen.inspections.ChecklistItemView;
import cn.chuangwen.inspections.PointType;

/**
 * SQL for checklist versions. The version in use for a point type is the newest active version of
 * the city that has items of the type; callers pass a city they have already checked the caller may read.
 */
@Repository
public class ChecklistStore {

	/** The newest active version of the city with items of the row's type (over {@code checklist_item i}). */
	private static final String IN_USE = """
			i.version_id = (select max(x.version_id) from checklist_item x join checklist_version xv on xv.id = x.version_id
			                where x.city_id = i.city_id and x.point_type = i.point_type and xv.active = true)
			""";

	private final JdbcClient jdbc;

	public ChecklistStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record NewItem(PointType pointType, String category, String item, String deductionRule,
			BigDecimal perOccurrence, BigDecimal maxDeduction, Long indicatorId) {
	}

	public long insertVersion(long cityId, String name, int items, String by, Instant at) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into checklist_version (city_id, name, active, item_count, created_at, created_by)
				values (:city, :name, true, :items, :at, :by)
				""")
			.param("city", cityId)
			.param("name", name)
			.param("items", items)
			.param("at", Timestamp.from(at))
			.param("by", by)
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	public void insertItems(long versionId, long cityId, List<NewItem> items) {
		int order = 0;
		for (NewItem it : items) {
			jdbc.sql("""
					insert into checklist_item (version_id, city_id, point_type, category, item, deduction_rule,
					                            per_occurrence, max_deduction, indicator_id, sort_order)
					values (:v, :city, :type, :category, :item, :rule, :per, :max, :indicator, :order)
					""")
				.param("v", versionId)
				.param("city", cityId)
				.param("type", it.pointType().name())
				.param("category", it.category())
				.param("item", it.item())
				.param("rule", it.deductionRule())
				.param("per", it.perOccurrence())
				.param("max", it.maxDeduction())
				.param("indicator", it.indicatorId())
				.param("order", order++)
				.update();
		}
	}

	/** The items in use in the city, of one type or (null) of every type, by type then file order. */
	public List<ChecklistItemView> inUse(long cityId, PointType type) {
		String sql = "select i.id, i.version_id, i.point_type, i.category, i.item, i.deduction_rule, i.per_occurrence,"
				+ " i.max_deduction, i.indicator_id from checklist_item i where i.city_id = :city"
				+ (type == null ? "" : " and i.point_type = :type") + " and " + IN_USE
				+ " order by i.point_type, i.sort_order";
		JdbcClient.StatementSpec spec = jdbc.sql(sql).param("city", cityId);
		if (type != null) {
			spec = spec.param("type", type.name());
		}
		return spec.query(ChecklistStore::item).list();
	}

	/** The items of one version of the city (an inspection keeps the version it used). */
	public List<ChecklistItemView> version(long cityId, long versionId) {
		return jdbc.sql("""
				select i.id, i.version_id, i.point_type, i.category, i.item, i.deduction_rule, i.per_occurrence,
				       i.max_deduction, i.indicator_id
				from checklist_item i where i.city_id = :city and i.version_id = :v order by i.point_type, i.sort_order
				""").param("city", cityId).param("v", versionId).query(ChecklistStore::item).list();
	}

	/** For each point type with a checklist: the version in use. */
	public List<ChecklistInUse> summary(long cityId) {
		return jdbc.sql("""
				select i.point_type, v.id, v.name, v.created_at, v.created_by, count(*) as items
				from checklist_item i join checklist_version v on v.id = i.version_id
				where i.city_id = :city and
				""" + IN_USE + """
				group by i.point_type, v.id, v.name, v.created_at, v.created_by
				""")
			.param("city", cityId)
			.query((rs, n) -> new ChecklistInUse(PointType.valueOf(rs.getString(1)), rs.getLong(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getInt(6)))
			.list();
	}

	private static ChecklistItemView item(ResultSet rs, int n) throws SQLException {
		long indicator = rs.getLong("indicator_id");
		// read wasNull now: it answers for the column read last
		Long indicatorId = rs.wasNull() ? null : indicator;
		return new ChecklistItemView(rs.getLong("id"), rs.getLong("version_id"),
				PointType.valueOf(rs.getString("point_type")), rs.getString("category"), rs.getString("item"),
				rs.getString("deduction_rule"), rs.getBigDecimal("per_occurrence"), rs.getBigDecimal("max_deduction"),
				indicatorId);
	}

}
