package cn.chuangwen.organization;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.internal.AccountStore;
import cn.chuangwen.organization.internal.AccountStore.Account;
import cn.chuangwen.organization.internal.UnitStore;
import cn.chuangwen.organization.internal.UserQueries;
import cn.chuangwen.organization.security.PasswordPolicy;
import cn.chuangwen.organization.security.SecuritySettings;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * Accounts: the system administrator creates, edits, disables them and resets passwords; the
 * security administrator assigns roles; every user changes their own password. The three
 * administrator duties (三员) never meet in one account, an administrator account holds its one
 * administrator role and nothing else, and no administrator changes another administrator's
 * account: that is done only by the recovery command on the server ({@code --chuangwen.recover}).
 * A password reset, a disable and a role change revoke the account's API tokens at once.
 */
@Service
public class Accounts {

	static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

	private final AccountStore store;

	private final UserQueries queries;

	private final UnitStore units;

	private final Cities cities;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	private final SecuritySettings settings;

	private final AuditTrail audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	public Accounts(AccountStore store, UserQueries queries, UnitStore units, Cities cities, PasswordEncoder encoder,
			PasswordPolicy policy, SecuritySettings settings, AuditTrail audit, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.store = store;
		this.queries = queries;
		this.units = units;
		this.cities = cities;
		this.encoder = encoder;
		this.policy = policy;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<UserView> search(CurrentUser caller, String text, String cityCode, int limit) {
		require(caller, Permissions.USER_READ);
		return queries.search(caller.scope(), text, cityCode, limit);
	}

	/** One page of the accounts in the caller's scope that match, paged in the database, with the total. */
	@Transactional(readOnly = true)
	public cn.chuangwen.shared.Page<UserView> page(CurrentUser caller, String text, String cityCode,
			cn.chuangwen.shared.PageRequest page) {
		require(caller, Permissions.USER_READ);
		return queries.page(caller.scope(), text, cityCode, page);
	}

	@Transactional(readOnly = true)
	public UserView get(CurrentUser caller, long id) {
		require(caller, Permissions.USER_READ);
		return queries.find(caller.scope(), id).orElseThrow(() -> new NotFoundException("user", id));
	}

	@Transactional
	public UserView create(CurrentUser caller, UserDraft draft) {
		require(caller, Permissions.USER_WRITE);
		List<FieldProblem> problems = new ArrayList<>();
		String username = draft.username() == null ? "" : draft.username().trim().toLowerCase(Locale.ROOT);
		if (!USERNAME.matcher(username).matches()) {
			problems.add(FieldProblem.of("username", "user.error.username.format"));
		}
		else if (store.findByUsername(username).isPresent()) {
			problems.add(FieldProblem.of("username", "user.error.username.taken"));
		}
		Placement placement = place(draft, problems);
		policy.check(username, draft.password()).forEach(key -> problems.add(FieldProblem.of("password", key)));
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		long id = store.insert(new AccountStore.NewAccount(username, draft.displayName().trim(), placement.cityId(),
				placement.unitId(), blank(draft.phone())), encoder.encode(draft.password()), true, clock.instant());
		audit.record(AuditEntry.of("USER_CREATE")
			.city(placement.cityId())
			.object("user", id)
			.change("username", null, username)
			.change("displayName", null, draft.displayName().trim())
			.change("city", null, placement.cityCode())
			.change("unitId", null, placement.unitId()));
		return queries.find(DataScope.all(), id).orElseThrow();
	}

	@Transactional
	public UserView update(CurrentUser caller, long id, int version, UserDraft draft) {
		require(caller, Permissions.USER_WRITE);
		UserView before = get(caller, id);
		requireOrdinary(before);
		List<FieldProblem> problems = new ArrayList<>();
		Placement placement = place(draft, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		if (before.roles().stream().anyMatch(Role.CITY_BOUND::contains) && placement.cityId() == null) {
			throw new InvalidInputException(FieldProblem.of("cityCode", "user.error.city.required"));
		}
		if (!store.updateProfile(id, version, draft.displayName().trim(), placement.cityId(), placement.unitId(),
				blank(draft.phone()))) {
			throw new ConflictException("error.conflict");
		}
		audit.record(AuditEntry.of("USER_UPDATE")
			.city(placement.cityId())
			.object("user", id)
			.change("displayName", before.displayName(), draft.displayName().trim())
			.change("city", before.cityCode(), placement.cityCode())
			.change("unitId", before.unitId(), placement.unitId())
			.change("phone", before.phone(), blank(draft.phone())));
		events.publishEvent(new AccountChanged(id));
		return queries.find(DataScope.all(), id).orElseThrow();
	}

	@Transactional
	public void setEnabled(CurrentUser caller, long id, boolean enabled, String reason) {
		require(caller, Permissions.USER_WRITE);
		UserView user = get(caller, id);
		if (user.id() == caller.id()) {
			throw new InvalidInputException(FieldProblem.of("enabled", "user.error.self"));
		}
		requireOrdinary(user);
		if (!enabled && (reason == null || reason.isBlank())) {
			throw new InvalidInputException(FieldProblem.of("reason", "unit.error.reason.required"));
		}
		store.setEnabled(id, enabled);
		audit.record(AuditEntry.of(enabled ? "USER_ENABLE" : "USER_DISABLE")
			.city(user.cityId())
			.object("user", id)
			.reason(blank(reason))
			.change("enabled", user.enabled(), enabled));
		if (!enabled) {
			revokeTokens(user, "USER_DISABLE");
		}
		events.publishEvent(new AccountChanged(id));
	}

	/** A new initial password, to be changed at the next sign-in; also lifts a lockout. */
	@Transactional
	public void resetPassword(CurrentUser caller, long id, String password) {
		require(caller, Permissions.USER_WRITE);
		UserView user = get(caller, id);
		requireOrdinary(user);
		List<FieldProblem> problems = new ArrayList<>();
		policy.check(user.username(), password).forEach(key -> problems.add(FieldProblem.of("password", key)));
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		store.setPassword(id, encoder.encode(password), true, clock.instant());
		audit.record(AuditEntry.of("PASSWORD_RESET").city(user.cityId()).object("user", id));
		revokeTokens(user, "PASSWORD_RESET");
		events.publishEvent(new AccountChanged(id));
	}

	/** Replaces an account's roles (security administrator only). */
	@Transactional
	public UserView assignRoles(CurrentUser caller, long id, Set<Role> roles, String reason) {
		require(caller, Permissions.ROLE_ASSIGN);
		UserView user = get(caller, id);
		List<FieldProblem> problems = new ArrayList<>();
		Set<Role> wanted = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
		if (user.id() == caller.id()) {
			throw new InvalidInputException(FieldProblem.of("roles", "user.error.self"));
		}
		requireOrdinary(user);
		long duties = wanted.stream().filter(Role.ADMIN_DUTIES::contains).count();
		if (duties > 1) {
			problems.add(FieldProblem.of("roles", "user.error.roles.duties"));
		}
		else if (duties == 1 && wanted.size() > 1) {
			problems.add(FieldProblem.of("roles", "user.error.roles.adminAlone"));
		}
		if (wanted.stream().anyMatch(Role.CITY_BOUND::contains) && user.cityId() == null) {
			problems.add(FieldProblem.of("roles", "user.error.roles.city"));
		}
		if (wanted.contains(Role.UNIT_LIAISON) && user.unitId() == null) {
			problems.add(FieldProblem.of("roles", "user.error.roles.unit"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		store.setRoles(id, wanted);
		audit.record(AuditEntry.of("ROLE_CHANGE")
			.city(user.cityId())
			.object("user", id)
			.reason(blank(reason))
			.change("roles", sorted(user.roles()), sorted(wanted)));
		revokeTokens(user, "ROLE_CHANGE");
		events.publishEvent(new AccountChanged(id));
		return queries.find(DataScope.all(), id).orElseThrow();
	}

	/** A user changes their own password: the current one is required, the new one obeys the policy. */
	@Transactional
	public void changeOwnPassword(CurrentUser user, String current, String next) {
		Account account = store.findById(user.id()).orElseThrow(() -> new NotFoundException("user", user.id()));
		List<FieldProblem> problems = new ArrayList<>();
		if (current == null || !encoder.matches(current, account.passwordHash())) {
			problems.add(FieldProblem.of("currentPassword", "password.error.current"));
		}
		policy.check(account.username(), next).forEach(key -> problems.add(FieldProblem.of("newPassword", key)));
		if (problems.isEmpty() && next != null) {
			for (String old : store.recentPasswordHashes(account.id(), settings.passwordHistory())) {
				if (encoder.matches(next, old)) {
					problems.add(FieldProblem.of("newPassword", "password.error.reused"));
					break;
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		store.setPassword(account.id(), encoder.encode(next), false, clock.instant());
		audit.record(AuditEntry.of("PASSWORD_CHANGE").city(account.cityId()).object("user", account.id()));
		events.publishEvent(new AccountChanged(account.id()));
	}

	/** The signed-in principal of an account, as rebuilt after a change. */
	@Transactional(readOnly = true)
	public CurrentUser principal(long userId) {
		return store.currentUser(store.findById(userId).orElseThrow(() -> new NotFoundException("user", userId)));
	}

	/** The accounts attached to a unit the caller can see: names and roles only. */
	@Transactional(readOnly = true)
	public List<UserView> peopleOf(CurrentUser caller, UnitView unit) {
		if (!caller.scope().includesUnit(unit.cityId(), unit.path())) {
			throw new NotFoundException("unit", unit.id());
		}
		return queries.ofUnit(unit.id());
	}

	/** One page of the accounts attached to a unit the caller can see (the record's people tab). */
	@Transactional(readOnly = true)
	public cn.chuangwen.shared.Page<UserView> peopleOf(CurrentUser caller, UnitView unit,
			cn.chuangwen.shared.PageRequest page) {
		if (!caller.scope().includesUnit(unit.cityId(), unit.path())) {
			throw new NotFoundException("unit", unit.id());
		}
		return queries.pageOfUnit(unit.id(), page);
	}

	/**
	 * The enabled accounts in the caller's scope that hold a permission (e.g. who reviews reports in
	 * a city, for notices): names and roles only, every one of them (none is left without a notice).
	 */
	@Transactional(readOnly = true)
	public List<UserView> holding(CurrentUser caller, String permission) {
		return queries.holding(caller.scope(), permission);
	}

	@Transactional(readOnly = true)
	public boolean totpEnabled(long userId) {
		return store.findById(userId).map(Account::totpEnabled).orElse(false);
	}

	private record Placement(Long cityId, String cityCode, Long unitId) {
	}

	private Placement place(UserDraft draft, List<FieldProblem> problems) {
		if (draft.displayName() == null || draft.displayName().isBlank()) {
			problems.add(FieldProblem.of("displayName", "user.error.displayName.required"));
		}
		else if (draft.displayName().trim().length() > 64) {
			problems.add(FieldProblem.of("displayName", "unit.error.text.long", 64));
		}
		Long cityId = null;
		String cityCode = blank(draft.cityCode());
		if (cityCode != null) {
			var city = cities.byCode(cityCode);
			if (city.isEmpty()) {
				problems.add(FieldProblem.of("cityCode", "user.error.city.unknown"));
			}
			else {
				cityId = city.get().id();
			}
		}
		Long unitId = draft.unitId();
		if (unitId != null) {
			if (cityId == null) {
				problems.add(FieldProblem.of("unitId", "user.error.unit.city"));
			}
			else if (units.findInCity(cityId, unitId).isEmpty()) {
				problems.add(FieldProblem.of("unitId", "user.error.unit.unknown"));
			}
		}
		if (draft.phone() != null && !draft.phone().isBlank() && !Units.PHONE.matcher(draft.phone().trim()).matches()) {
			problems.add(FieldProblem.of("phone", "unit.error.phone.format"));
		}
		return new Placement(cityId, cityCode, unitId);
	}

	/**
	 * Administrator accounts (三员) are changed only by the recovery command on the server, never
	 * by another administrator through the application.
	 */
	private static void requireOrdinary(UserView target) {
		if (target.roles().stream().anyMatch(Role.ADMIN_DUTIES::contains)) {
			throw new AccessDeniedException("administrator account " + target.id());
		}
	}

	/** The account's API tokens stop working with the change that caused it, in its transaction. */
	private void revokeTokens(UserView user, String why) {
		int revoked = store.revokeTokens(user.id(), clock.instant());
		if (revoked > 0) {
			audit.record(AuditEntry.of("TOKEN_REVOKE")
				.city(user.cityId())
				.object("user", user.id())
				.reason(why)
				.change("tokens", null, revoked));
		}
	}

	private static void require(CurrentUser caller, String permission) {
		if (!caller.can(permission)) {
			throw new AccessDeniedException(permission);
		}
	}

	private static String sorted(Set<Role> roles) {
		return roles.stream().map(Enum::name).sorted().toList().toString();
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
