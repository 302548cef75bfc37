package cn.chuangwen.organization;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.internal.RolePolicyStore;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * The role → permission mapping and each role's data scope, edited only by the security
 * administrator (等保 8.1.4.2e). A change takes effect on the next request of every holder.
 * The three administrator roles (三员) are fixed ({@link Role#fixedPermissions()}): no edit
 * changes them, and no other role receives a permission of an administrator duty.
 */
@Service
public class RolePolicies {

	/** A role as the policy page shows it. */
	public record RolePolicy(Role role, DataScope.Kind scope, Set<String> permissions, int version) {
	}

	/** Permissions that belong to one administrator duty each (三员): only that duty's role holds them. */
	static final List<Set<String>> ADMIN_DUTY_PERMISSIONS = List.of(
			Set.of(Permissions.USER_WRITE, Permissions.SYSTEM_MONITOR),
			Set.of(Permissions.ROLE_ASSIGN, Permissions.ROLE_EDIT),
			Set.of(Permissions.AUDIT_READ, Permissions.AUDIT_VERIFY));

	private final RolePolicyStore store;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	public RolePolicies(RolePolicyStore store, AuditTrail audit, ApplicationEventPublisher events) {
		this.store = store;
		this.audit = audit;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public List<RolePolicy> all() {
		List<RolePolicy> list = new ArrayList<>();
		for (Role role : Role.values()) {
			list.add(get(role));
		}
		return list;
	}

	@Transactional(readOnly = true)
	public RolePolicy get(Role role) {
		RolePolicyStore.RoleRow row = store.role(role);
		if (role.isAdministrator()) {
			return new RolePolicy(role, DataScope.Kind.ALL, new TreeSet<>(role.fixedPermissions().orElseThrow()),
					row.version());
		}
		return new RolePolicy(role, row.scope(), store.permissions(role), row.version());
	}

	@Transactional
	public RolePolicy update(CurrentUser caller, Role role, int version, DataScope.Kind scope, Set<String> permissions,
			String reason) {
		if (!caller.can(Permissions.ROLE_EDIT)) {
			throw new AccessDeniedException(Permissions.ROLE_EDIT);
		}
		if (role.isAdministrator()) {
			throw new InvalidInputException(FieldProblem.of("permissions", "role.error.fixed"));
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (scope == null) {
			problems.add(FieldProblem.of("scope", "role.error.scope"));
		}
		for (String p : permissions) {
			if (!Permissions.ALL.contains(p)) {
				problems.add(FieldProblem.of("permissions", "role.error.permission", p));
			}
		}
		if (reason == null || reason.isBlank()) {
			problems.add(FieldProblem.of("reason", "unit.error.reason.required"));
		}
		if (ADMIN_DUTY_PERMISSIONS.stream().anyMatch(duty -> duty.stream().anyMatch(permissions::contains))) {
			problems.add(FieldProblem.of("permissions", "role.error.duties"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		RolePolicy before = get(role);
		if (!store.updateScope(role, version, scope)) {
			throw new ConflictException("error.conflict");
		}
		store.replacePermissions(role, new LinkedHashSet<>(permissions));
		// Holders reload their permissions on their next request.
		store.touchHolders(role);
		audit.record(AuditEntry.of("ROLE_POLICY_CHANGE")
			.object("role", role.name())
			.reason(reason.trim())
			.change("scope", before.scope(), scope)
			.change("permissions", before.permissions(), new TreeSet<>(permissions)));
		events.publishEvent(new RolePolicyChanged(role));
		return get(role);
	}

}
