package cn.chuangwen.organization.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CommandBodies;
import cn.chuangwen.organization.CommandBody;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * The command structure as JSON: readers list a city's bodies (their own city, or {@code city} for
 * the province) and open one; the office creates and edits bodies and adds and removes members.
 */
@RestController
@RequestMapping("/api/v1/command-bodies")
@PreAuthorize("hasAnyAuthority('command:read', 'command:manage')")
class CommandApi {

	private final CommandBodies bodies;

	private final Cities cities;

	CommandApi(CommandBodies bodies, Cities cities) {
		this.bodies = bodies;
		this.cities = cities;
	}

	/** A body edit: the draft's fields and the version read. */
	record BodyEdit(String kind, String name, Long parentId, String duties, Integer sortOrder, Integer version) {
	}

	@GetMapping
	List<CommandBody> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city) {
		if (city != null && !city.isBlank()) {
			return bodies.list(user,
					cities.byCode(user.scope(), city.strip()).orElseThrow(() -> new NotFoundException("city", city)).id());
		}
		if (user.cityId() != null) {
			return bodies.list(user, user.cityId());
		}
		// the province without a city: every city it sees, city by city
		return cities.visible(user.scope()).stream().flatMap(c -> bodies.list(user, c.id()).stream()).toList();
	}

	@GetMapping("/{id}")
	CommandBody get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return bodies.get(user, id);
	}

	@PostMapping
	@PreAuthorize("hasAuthority('command:manage')")
	ResponseEntity<CommandBody> create(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) CommandBody.Draft body) {
		CommandBody b = bodies.create(user, body);
		return ResponseEntity.created(URI.create("/api/v1/command-bodies/" + b.id())).body(b);
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('command:manage')")
	CommandBody update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) BodyEdit body) {
		if (body == null || body.version() == null) {
			throw new InvalidInputException(FieldProblem.of("version", "command.error.required"));
		}
		return bodies.update(user, id, body.version(),
				new CommandBody.Draft(body.kind(), body.name(), body.parentId(), body.duties(), body.sortOrder()));
	}

	@PostMapping("/{id}/members")
	@PreAuthorize("hasAuthority('command:manage')")
	ResponseEntity<CommandBody> addMember(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) CommandBody.MemberDraft body) {
		return ResponseEntity.created(URI.create("/api/v1/command-bodies/" + id)).body(bodies.addMember(user, id, body));
	}

	@DeleteMapping("/{id}/members/{memberId}")
	@PreAuthorize("hasAuthority('command:manage')")
	CommandBody removeMember(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long memberId) {
		return bodies.removeMember(user, id, memberId);
	}

}
