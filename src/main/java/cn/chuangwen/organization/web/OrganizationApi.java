package cn.chuangwen.organization.web;

import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.UserDraft;
import cn.chuangwen.organization.UserView;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.CachedAnswers;

/** JSON API for cities, units, users and the caller (/api/v1). Every answer is scoped by the caller. */
@RestController
@RequestMapping("/api/v1")
class OrganizationApi {

	private final Cities cities;

	private final Units units;

	private final Accounts accounts;

	private final AuditTrail trace;

	private final CachedAnswers answers;

	OrganizationApi(Cities cities, Units units, Accounts accounts, AuditTrail trace, CachedAnswers answers) {
		this.cities = cities;
		this.units = units;
		this.accounts = accounts;
		this.trace = trace;
		this.answers = answers;
	}

	record CityJson(String code, String name) {
	}

	record UnitJson(long id, String code, String name, UnitKind kind, Long parentId, String cityCode,
			String rankingGroup, boolean committeeMember, String leaderName, String liaisonName, String liaisonPhone,
			boolean active, int version) {

		static UnitJson of(UnitView u) {
			return new UnitJson(u.id(), u.code(), u.name(), u.kind(), u.parentId(), u.cityCode(), u.rankingGroup(),
					u.committeeMember(), u.leaderName(), u.liaisonName(), u.liaisonPhone(), u.active(), u.version());
		}

	}

	/** A unit to create or replace; {@code version} is required on update (optimistic locking). */
	record UnitRequest(String code, String name, String kind, Long parentId, String rankingGroup,
			Boolean committeeMember, String leaderName, String liaisonName, String liaisonPhone, Integer version) {

		UnitDraft toDraft() {
			UnitKind k = kind == null ? null : UnitKind.parse(kind).orElse(null);
			if (kind != null && k == null) {
				throw new InvalidInputException(FieldProblem.of("kind", "import.error.kind.unknown", kind));
			}
			return new UnitDraft(code, name, k, parentId, rankingGroup, Boolean.TRUE.equals(committeeMember),
					leaderName, liaisonName, liaisonPhone);
		}

	}

	record MeJson(String username, Set<Role> roles, Long unitId, String cityCode) {
	}

	record UserJson(long id, String username, String displayName, String cityCode, Long unitId, String phone,
			Set<Role> roles, boolean enabled, boolean totpEnabled, boolean locked, int version) {

		static UserJson of(UserView u) {
			return new UserJson(u.id(), u.username(), u.displayName(), u.cityCode(), u.unitId(), u.phone(), u.roles(),
					u.enabled(), u.totpEnabled(), u.locked(), u.version());
		}

	}

	record UserRequest(String username, String displayName, String cityCode, Long unitId, String phone,
			String password, Integer version) {
	}

	@GetMapping("/me")
	MeJson me(@AuthenticationPrincipal CurrentUser user) {
		return new MeJson(user.username(), user.roles(), user.unitId(), user.cityCode());
	}

	@GetMapping("/cities")
	List<CityJson> cities(@AuthenticationPrincipal CurrentUser user) {
		return cities.visible(user.scope()).stream().map(c -> new CityJson(c.code(), c.name())).toList();
	}

	@GetMapping("/units")
	@PreAuthorize("hasAuthority('unit:read')")
	@ApiResponse(responseCode = "200",
			content = @Content(array = @ArraySchema(schema = @Schema(implementation = UnitJson.class))))
	ResponseEntity<byte[]> units(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String cityCode, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String q, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size, HttpServletRequest http) {
		PageRequest request = PageRequest.parse(page, size);
		UnitKind k = null;
		if (kind != null && !kind.isBlank()) {
			k = UnitKind.parse(kind)
				.orElseThrow(() -> new InvalidInputException(FieldProblem.of("kind", "import.error.kind.unknown", kind)));
		}
		UnitQuery query = new UnitQuery(blank(cityCode), k, q, null, null);
		// Pickers and sync clients ask for the same pages over and over; units change seldom, and
		// every change moves the city's trace, so a page is kept until the trace moves.
		return answers.get(http, user, trace.position(user.cityId()),
				() -> PagedResponse.of(units.page(user.scope(), query, request).map(UnitJson::of)));
	}

	@GetMapping("/units/{id}")
	@PreAuthorize("hasAuthority('unit:read')")
	UnitJson unit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return UnitJson.of(units.get(user.scope(), id));
	}

	@PostMapping("/units")
	@PreAuthorize("hasAuthority('unit:write')")
	ResponseEntity<UnitJson> createUnit(@AuthenticationPrincipal CurrentUser user, @RequestBody UnitRequest request) {
		UnitView created = units.create(user, request.toDraft());
		return ResponseEntity.created(URI.create("/api/v1/units/" + created.id())).body(UnitJson.of(created));
	}

	@PutMapping("/units/{id}")
	@PreAuthorize("hasAuthority('unit:write')")
	UnitJson updateUnit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody UnitRequest request) {
		UnitView current = units.get(user.scope(), id);
		if (request.version() == null) {
			throw new InvalidInputException(FieldProblem.of("version", "api.error.version.required"));
		}
		if (request.parentId() != null && !request.parentId().equals(current.parentId())) {
			throw new InvalidInputException(FieldProblem.of("parentId", "api.error.parent.move"));
		}
		return UnitJson.of(units.update(user, id, request.version(), request.toDraft()));
	}

	record TopLeaderRequest(Long userId, Boolean clear, String reason) {
	}

	record TopLeaderJson(long unitId, Long userId) {
	}

	/** Names the unit's top leader account (一把手) by {@code userId}, or clears it with {@code "clear": true}. */
	@PutMapping("/units/{id}/top-leader")
	@PreAuthorize("hasAuthority('unit:write')")
	TopLeaderJson setTopLeader(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody TopLeaderRequest request) {
		boolean clear = Boolean.TRUE.equals(request.clear());
		if (!clear && request.userId() == null) {
			throw new InvalidInputException(FieldProblem.of("userId", "unit.error.topLeader.required"));
		}
		units.setTopLeader(user, id, clear ? null : request.userId(), request.reason());
		return new TopLeaderJson(id, units.topLeaderId(user.scope(), id).orElse(null));
	}

	@GetMapping("/users")
	@PreAuthorize("hasAuthority('user:read')")
	ResponseEntity<List<UserJson>> users(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String cityCode, @RequestParam(required = false) String q,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		PageRequest request = PageRequest.parse(page, size);
		return PagedResponse.of(accounts.page(user, q, blank(cityCode), request).map(UserJson::of));
	}

	@GetMapping("/users/{id}")
	@PreAuthorize("hasAuthority('user:read')")
	UserJson user(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return UserJson.of(accounts.get(user, id));
	}

	@PostMapping("/users")
	@PreAuthorize("hasAuthority('user:write')")
	ResponseEntity<UserJson> createUser(@AuthenticationPrincipal CurrentUser user, @RequestBody UserRequest request) {
		UserView created = accounts.create(user, new UserDraft(request.username(), request.displayName(),
				request.cityCode(), request.unitId(), request.phone(), request.password()));
		return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(UserJson.of(created));
	}

	@PutMapping("/users/{id}")
	@PreAuthorize("hasAuthority('user:write')")
	UserJson updateUser(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody UserRequest request) {
		if (request.version() == null) {
			throw new InvalidInputException(FieldProblem.of("version", "api.error.version.required"));
		}
		if (request.password() != null || request.username() != null) {
			throw new InvalidInputException(FieldProblem.of("password", "api.error.user.readonly"));
		}
		return UserJson.of(accounts.update(user, id, request.version(), new UserDraft(null, request.displayName(),
				request.cityCode(), request.unitId(), request.phone(), null)));
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
