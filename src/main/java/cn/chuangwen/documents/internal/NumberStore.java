package cn.chuangwen.documents.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The counters behind document numbers: one row per city, kind and year holding the last number
 * handed out. The increment is one UPDATE, so the row lock serializes concurrent issuers on both
 * H2 and PostgreSQL; the row is created first with ON CONFLICT DO NOTHING, which never fails
 * (and so never aborts a PostgreSQL transaction) when two issuers create it at once.
 */
@Repository
public class NumberStore {

	private final JdbcClient jdbc;

	public NumberStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The counter raised by one; the caller's transaction holds the row until it ends. */
	public int increment(long cityId, String kind, int year) {
		jdbc.sql("""
				insert into document_number (city_id, kind, doc_year, last_seq) values (:c, :k, :y, 0)
				on conflict do nothing
				""").param("c", cityId).param("k", kind).param("y", year).update();
		int updated = jdbc.sql("""
				update document_number set last_seq = last_seq + 1
				where city_id = :c and kind = :k and doc_year = :y
				""").param("c", cityId).param("k", kind).param("y", year).update();
		if (updated != 1) {
			throw new IllegalStateException("document number counter missing for " + cityId + "/" + kind + "/" + year);
		}
		return jdbc.sql("select last_seq from document_number where city_id = :c and kind = :k and doc_year = :y")
			.param("c", cityId)
			.param("k", kind)
			.param("y", year)
			.query(Integer.class)
			.single();
	}

}
