package cn.chuangwen.participation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.throttle.PerMinuteBuckets;
import cn.chuangwen.participation.internal.PartnerKeyStore;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.Secrets;

/**
 * The API keys a city office issues to partner apps for Open311 POST (合作应用接口密钥). A key is
 * shown once, when issued; only its SHA-256 is stored. Each key has its own limit of requests per
 * minute. Issuing and revoking are traced; a revoked key is refused at once (403) and stays listed.
 */
@Service
public class PartnerKeys {

	public static final int MAX_NAME = 100;

	public static final int MAX_CONTACT = 200;

	public static final int MAX_REASON = 1000;

	public static final int DEFAULT_PER_MINUTE = 60;

	public static final int MAX_PER_MINUTE = 10_000;

	/** Every key starts so, which makes a leaked one easy to recognise in a log or a repository. */
	public static final String KEY_PREFIX = "o311_";

	/** A key as the office sees it: never the key itself, only its first characters. */
	public record PartnerKey(long id, String name, String contact, String keyPrefix, int requestsPerMinute,
			String createdBy, Instant createdAt, String revokedBy, Instant revokedAt, String revokeReason) {

		public boolean revoked() {
			return revokedAt != null;
		}

	}

	/** What the office asks for: who the partner is, how to reach them, how many requests a minute. */
	public record PartnerDraft(String name, String contact, Integer requestsPerMinute) {
	}

	/** A key just issued: the only time the key itself is returned. */
	public record Issued(PartnerKey key, String apiKey) {
	}

	/** The partner a valid key belongs to, for the Open311 endpoint. */
	public record Partner(long keyId, long cityId, String name, int requestsPerMinute) {
	}

	private final PartnerKeyStore store;

	private final PerMinuteBuckets<Long> limits;

	private final AuditTrail audit;

	private final Clock clock;

	public PartnerKeys(PartnerKeyStore store, AuditTrail audit, Clock clock) {
		this.store = store;
		this.limits = new PerMinuteBuckets<>(clock, 10_000);
		this.audit = audit;
		this.clock = clock;
	}

	/** The keys of the caller's city, newest first. */
	@Transactional(readOnly = true)
	public Page<PartnerKey> list(CurrentUser user, PageRequest page) {
		long city = cityOf(user);
		return Page.read(page, () -> store.page(city, (int) page.offset(), page.size()).stream().map(PartnerKeys::view).toList(),
				() -> store.count(city));
	}

	@Transactional(readOnly = true)
	public PartnerKey get(CurrentUser user, long id) {
		return store.find(cityOf(user), id).map(PartnerKeys::view).orElseThrow(() -> new NotFoundException("open311Key", id));
	}

	/** Issues a key for the caller's city; every wrong field is named at once and nothing is stored. */
	@Transactional
	public Issued issue(CurrentUser user, PartnerDraft draft) {
		long city = cityOf(user);
		List<FieldProblem> wrong = new ArrayList<>();
		String name = text(draft.name(), "name", MAX_NAME, wrong);
		String contact = text(draft.contact(), "contact", MAX_CONTACT, wrong);
		int perMinute = draft.requestsPerMinute() == null ? DEFAULT_PER_MINUTE : draft.requestsPerMinute();
		if (perMinute < 1 || perMinute > MAX_PER_MINUTE) {
			wrong.add(FieldProblem.of("requestsPerMinute", "open311Key.error.rate", MAX_PER_MINUTE));
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		String apiKey = Secrets.newSecret(KEY_PREFIX);
		PartnerKey key = insert(city, name, contact, perMinute, apiKey, user.username(), user.unitId());
		return new Issued(key, apiKey);
	}

	/**
	 * Stores a key whose value the caller chose (the demo's documented keys) and traces it. Not for
	 * real partners: a chosen value is only as secret as where it was written down.
	 */
	@Transactional
	public PartnerKey register(long cityId, String name, String contact, int perMinute, String apiKey, String by) {
		return insert(cityId, name, contact, perMinute, apiKey, by, null);
	}

	/** Revokes the key; another city's key is 404, an already revoked one 409 (nothing changes). */
	@Transactional
	public PartnerKey revoke(CurrentUser user, long id, String reason) {
		long city = cityOf(user);
		PartnerKeyStore.KeyRow before = store.find(city, id).orElseThrow(() -> new NotFoundException("open311Key", id));
		String why = reason == null || reason.isBlank() ? null : reason.strip();
		if (why != null && why.length() > MAX_REASON) {
			throw new InvalidInputException(FieldProblem.of("reason", "open311Key.error.reason", MAX_REASON));
		}
		if (before.revoked() || !store.revoke(city, id, user.username(), why, now())) {
			throw new ConflictException("open311Key.error.revoked");
		}
		audit.record(AuditEntry.of("OPEN311_KEY_REVOKE")
			.actor(user.username(), user.unitId())
			.city(city)
			.object("open311Key", id)
			.reason(why)
			.change("state", "active", "revoked"));
		return get(user, id);
	}

	/**
	 * The partner holding this key in this city; empty for an unknown key, a revoked one, or a key
	 * of another city. A read: nothing is written per request.
	 */
	@Transactional(readOnly = true)
	public Optional<Partner> authenticate(long cityId, String apiKey) {
		if (apiKey == null || apiKey.isBlank() || apiKey.length() > 200) {
			return Optional.empty();
		}
		return store.findByHash(hash(apiKey.strip()))
			.filter(k -> !k.revoked() && k.cityId() == cityId)
			.map(k -> new Partner(k.id(), k.cityId(), k.name(), k.requestsPerMinute()));
	}

	/**
	 * Takes one request from the partner's allowance: 0 when it was there, else the seconds until
	 * the partner may send again. Per node, like every rate limit here.
	 */
	public long takeRequest(Partner partner) {
		return limits.take(partner.keyId(), partner.requestsPerMinute());
	}

	private PartnerKey insert(long city, String name, String contact, int perMinute, String apiKey, String by,
			Long unitId) {
		Instant now = now();
		String prefix = apiKey.substring(0, Math.min(12, apiKey.length()));
		long id = store.insert(new PartnerKeyStore.NewKey(city, name, contact, hash(apiKey), prefix, perMinute, by, now));
		audit.record(AuditEntry.of("OPEN311_KEY_ISSUE")
			.actor(by, unitId)
			.city(city)
			.object("open311Key", id)
			.change("name", null, name)
			.change("contact", null, contact)
			.change("requestsPerMinute", null, perMinute)
			.change("keyPrefix", null, prefix));
		return store.find(city, id).map(PartnerKeys::view).orElseThrow();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static long cityOf(CurrentUser user) {
		if (user.cityId() == null) {
			// a province account has no city of its own to issue keys for
			throw new NotFoundException("city", null);
		}
		return user.cityId();
	}

	private static String text(String value, String field, int max, List<FieldProblem> wrong) {
		String t = value == null ? null : value.strip();
		if (t == null || t.isEmpty()) {
			wrong.add(FieldProblem.of(field, "open311Key.error." + field + ".required"));
			return null;
		}
		if (t.length() > max) {
			wrong.add(FieldProblem.of(field, "open311Key.error." + field + ".long", max));
		}
		return t;
	}

	static String hash(String apiKey) {
		return Secrets.sha256Hex(apiKey);
	}

	private static PartnerKey view(PartnerKeyStore.KeyRow r) {
		return new PartnerKey(r.id(), r.name(), r.contact(), r.keyPrefix(), r.requestsPerMinute(), r.createdBy(),
				r.createdAt(), r.revokedBy(), r.revokedAt(), r.revokeReason());
	}

}
