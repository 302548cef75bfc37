package cn.chuangwen.participation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for the Open311 partner keys and what a partner sent with each request. */
@Repository
public class PartnerKeyStore {

	public record KeyRow(long id, long cityId, String name, String contact, String keyHash, String keyPrefix,
			int requestsPerMinute, String createdBy, Instant createdAt, String revokedBy, Instant revokedAt,
			String revokeReason, int version) {

		public boolean revoked() {
			return revokedAt != null;
		}

	}

	public record NewKey(long cityId, String name, String contact, String keyHash, String keyPrefix,
			int requestsPerMinute, String createdBy, Instant createdAt) {
	}

	/** What a partner sent beyond the report: kept for the office, never in a public answer. */
	public record PartnerData(long reportId, long cityId, long partnerKeyId, String token, String email,
			String deviceId, String accountId, String mediaUrl) {
	}

	private static final String SELECT = """
			select id, city_id, name, contact, key_hash, key_prefix, requests_per_minute, created_by, created_at,
			    revoked_by, revoked_at, revoke_reason, version
			from open311_partner_key
			""";

	private final JdbcClient jdbc;

	public PartnerKeyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long insert(NewKey k) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into open311_partner_key (city_id, name, contact, key_hash, key_prefix, requests_per_minute,
				    created_by, created_at)
				values (:city, :name, :contact, :hash, :prefix, :rate, :by, :at)
				""")
			.param("city", k.cityId())
			.param("name", k.name())
			.param("contact", k.contact())
			.param("hash", k.keyHash())
			.param("prefix", k.keyPrefix())
			.param("rate", k.requestsPerMinute())
			.param("by", k.createdBy())
			.param("at", Timestamp.from(k.createdAt()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** The city's keys, newest first, one page. */
	public List<KeyRow> page(long cityId, int offset, int limit) {
		return jdbc.sql(SELECT + " where city_id = :city order by created_at desc, id desc limit :limit offset :offset")
			.param("city", cityId)
			.param("limit", limit)
			.param("offset", offset)
			.query(PartnerKeyStore::row)
			.list();
	}

	public long count(long cityId) {
		return jdbc.sql("select count(*) from open311_partner_key where city_id = :city")
			.param("city", cityId)
			.query(Long.class)
			.single();
	}

	/** A key of the city; another city's id is as unknown as a missing one. */
	public Optional<KeyRow> find(long cityId, long id) {
		return jdbc.sql(SELECT + " where city_id = :city and id = :id")
			.param("city", cityId)
			.param("id", id)
			.query(PartnerKeyStore::row)
			.optional();
	}

	public Optional<KeyRow> findByHash(String hash) {
		return jdbc.sql(SELECT + " where key_hash = :hash").param("hash", hash).query(PartnerKeyStore::row).optional();
	}

	/** Revokes a key not yet revoked; false when it was (a second revocation changes nothing). */
	public boolean revoke(long cityId, long id, String by, String reason, Instant at) {
		return jdbc.sql("""
				update open311_partner_key set revoked_by = :by, revoked_at = :at, revoke_reason = :reason,
				    version = version + 1
				where city_id = :city and id = :id and revoked_at is null
				""")
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("reason", reason)
			.param("city", cityId)
			.param("id", id)
			.update() == 1;
	}

	public void insertPartnerData(PartnerData d) {
		jdbc.sql("""
				insert into open311_request (report_id, city_id, partner_key_id, token, reporter_email, device_id,
				    account_id, media_url)
				values (:report, :city, :key, :token, :email, :device, :account, :media)
				""")
			.param("report", d.reportId())
			.param("city", d.cityId())
			.param("key", d.partnerKeyId())
			.param("token", d.token())
			.param("email", d.email())
			.param("device", d.deviceId())
			.param("account", d.accountId())
			.param("media", d.mediaUrl())
			.update();
	}

	/** The tracking code of the city's report a token was given for. */
	public Optional<String> codeForToken(long cityId, String token) {
		return jdbc.sql("""
				select r.code from open311_request o join citizen_report r on r.id = o.report_id
				where o.city_id = :city and o.token = :token
				""")
			.param("city", cityId)
			.param("token", token)
			.query(String.class)
			.optional();
	}

	private static KeyRow row(ResultSet rs, int n) throws SQLException {
		return new KeyRow(rs.getLong("id"), rs.getLong("city_id"), rs.getString("name"), rs.getString("contact"),
				rs.getString("key_hash"), rs.getString("key_prefix"), rs.getInt("requests_per_minute"),
				rs.getString("created_by"), CitizenReportStore.instant(rs, "created_at"), rs.getString("revoked_by"),
				CitizenReportStore.instant(rs, "revoked_at"), rs.getString("revoke_reason"), rs.getInt("version"));
	}

}
