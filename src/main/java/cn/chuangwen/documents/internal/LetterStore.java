package cn.chuangwen.documents.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.documents.DocumentNumbers.DocumentNumber;
import cn.chuangwen.documents.LetterTargets;
import cn.chuangwen.documents.LetterView;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.tasks.Milestone;

/** SQL for responsibility letters (责任状) and the assignments copied into them. */
@Repository
public class LetterStore {

	private static final String SELECT = """
			select id, city_id, unit_id, letter_year, seq, number, issuing_body, unit_name, issued_at, issued_by,
			       signed_file_id, signed_date, signed_recorded_at, signed_recorded_by, state, version
			from responsibility_letter
			""";

	private final JdbcClient jdbc;

	public LetterStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A letter row; the view adds its items and the scan's name. */
	public record LetterRow(long id, long cityId, long unitId, int year, int seq, String number, String issuingBody,
			String unitName, Instant issuedAt, String issuedBy, Long signedFileId, LocalDate signedDate,
			Instant signedRecordedAt, String signedRecordedBy, LetterView.State state, int version) {
	}

	public Optional<LetterRow> findByUnitAndYear(long unitId, int year) {
		return jdbc.sql(SELECT + " where unit_id = :u and letter_year = :y")
			.param("u", unitId)
			.param("y", year)
			.query(LetterStore::map)
			.optional();
	}

	/** The items of the city's letters of the years given whose deadline falls before {@code end}. */
	public List<LetterTargets.Target> targets(long cityId, int fromYear, int toYear, LocalDate end) {
		return jdbc.sql("""
				select l.unit_id, i.assignment_id, i.deadline
				from responsibility_letter l join responsibility_letter_item i on i.letter_id = l.id
				where l.city_id = :c and l.letter_year between :from and :to and i.deadline < :end""")
			.param("c", cityId)
			.param("from", fromYear)
			.param("to", toYear)
			.param("end", end)
			.query((rs, n) -> new LetterTargets.Target(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class)))
			.list();
	}

	public boolean anyLetter(long cityId) {
		return jdbc.sql("select count(*) from responsibility_letter where city_id = :c").param("c", cityId)
			.query(Long.class).single() > 0;
	}

	/** Issues the letter to the unit under the number taken for it; the unit's name is kept as it was on the day. */
	public long insert(UnitView unit, DocumentNumber number, String issuingBody, Instant now, String by) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into responsibility_letter (city_id, unit_id, letter_year, seq, number, issuing_body, unit_name,
				    issued_at, issued_by, state, version)
				values (:c, :u, :y, :seq, :number, :body, :uname, :now, :by, 'ISSUED', 0)
				""")
			.param("c", unit.cityId())
			.param("u", unit.id())
			.param("y", number.year())
			.param("seq", number.seq())
			.param("number", number.text())
			.param("body", issuingBody)
			.param("uname", unit.name())
			.param("now", DbTime.utc(now))
			.param("by", by)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	public void insertItems(long letterId, List<LetterView.Item> items) {
		// Items carry the letter's city like every business row.
		long cityId = jdbc.sql("select city_id from responsibility_letter where id = :l")
			.param("l", letterId)
			.query(Long.class)
			.single();
		for (LetterView.Item item : items) {
			var r = item.responsible();
			jdbc.sql("""
					insert into responsibility_letter_item (letter_id, city_id, item_no, assignment_id, unit_role, indicator_code,
					    indicator_name, target_description, deadline, milestones, responsible_name, responsible_post,
					    responsible_phone)
					values (:l, :city, :no, :a, :role, :code, :name, :target, :deadline, :ms, :rname, :rpost, :rphone)
					""")
				.param("l", letterId)
				.param("city", cityId)
				.param("no", item.no())
				.param("a", item.assignmentId())
				.param("role", item.role().name())
				.param("code", item.indicatorCode())
				.param("name", item.indicatorName())
				.param("target", item.targetDescription())
				.param("deadline", item.deadline())
				.param("ms", milestones(item.milestones()))
				.param("rname", r.name())
				.param("rpost", r.post())
				.param("rphone", r.phone())
				.update();
		}
	}

	public Optional<LetterRow> find(long id) {
		return jdbc.sql(SELECT + " where id = :id").param("id", id).query(LetterStore::map).optional();
	}

	/** A unit's letters, newest year first. */
	public List<LetterRow> ofUnit(long unitId) {
		return jdbc.sql(SELECT + " where unit_id = :u order by letter_year desc, id desc")
			.param("u", unitId)
			.query(LetterStore::map)
			.list();
	}

	public List<LetterView.Item> items(long letterId) {
		return jdbc.sql("""
				select item_no, assignment_id, unit_role, indicator_code, indicator_name, target_description, deadline,
				       milestones, responsible_name, responsible_post, responsible_phone
				from responsibility_letter_item where letter_id = :l order by item_no
				""")
			.param("l", letterId)
			.query((rs, n) -> new LetterView.Item(rs.getInt(1), rs.getLong(2), LetterView.Role.valueOf(rs.getString(3)),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class),
					milestones(rs.getString(8)),
					new LetterView.Person(rs.getString(9), rs.getString(10), rs.getString(11))))
			.list();
	}

	/** ISSUED → SIGNED; false when the letter changed since {@code version} was read. */
	public boolean markSigned(long id, int version, long fileId, LocalDate signedDate, Instant now, String by) {
		return jdbc.sql("""
				update responsibility_letter set state = 'SIGNED', signed_file_id = :f, signed_date = :d,
				       signed_recorded_at = :now, signed_recorded_by = :by, version = version + 1
				where id = :id and version = :v and state = 'ISSUED'
				""")
			.param("f", fileId)
			.param("d", signedDate)
			.param("now", DbTime.utc(now))
			.param("by", by)
			.param("id", id)
			.param("v", version)
			.update() == 1;
	}

	static String milestones(List<Milestone> milestones) {
		if (milestones == null || milestones.isEmpty()) {
			return null;
		}
		return milestones.stream().map(m -> m.date() + ":" + m.percent()).collect(Collectors.joining(";"));
	}

	static List<Milestone> milestones(String text) {
		List<Milestone> list = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return list;
		}
		for (String pair : text.split(";")) {
			int colon = pair.lastIndexOf(':');
			list.add(new Milestone(LocalDate.parse(pair.substring(0, colon)), Integer.parseInt(pair.substring(colon + 1))));
		}
		return list;
	}

	static LetterRow map(ResultSet rs, int n) throws SQLException {
		long file = rs.getLong("signed_file_id");
		Long signedFileId = rs.wasNull() ? null : file;
		return new LetterRow(rs.getLong("id"), rs.getLong("city_id"), rs.getLong("unit_id"), rs.getInt("letter_year"),
				rs.getInt("seq"), rs.getString("number"), rs.getString("issuing_body"), rs.getString("unit_name"),
				DbTime.instant(rs, "issued_at"), rs.getString("issued_by"), signedFileId,
				rs.getObject("signed_date", LocalDate.class), DbTime.instant(rs, "signed_recorded_at"),
				rs.getString("signed_recorded_by"), LetterView.State.valueOf(rs.getString("state")), rs.getInt("version"));
	}

}
