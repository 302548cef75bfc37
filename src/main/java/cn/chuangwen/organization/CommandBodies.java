package cn.chuangwen.organization;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.CommandBody.Kind;
import cn.chuangwen.organization.CommandBody.Member;
import cn.chuangwen.organization.CommandBody.MemberRole;
import cn.chuangwen.organization.internal.CommandStore;
import cn.chuangwen.organization.internal.CommandStore.BodyFields;
import cn.chuangwen.organization.internal.CommandStore.BodyRow;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * The city's command structure (Q1): bodies and their members. The office ({@code command:manage})
 * keeps them; everyone of the city with {@code command:read} reads them. Members' phones are
 * personal data (PIPL): only the office and the body's own members see them whole.
 */
@Service
public class CommandBodies {

	static final int MAX_NAME = 128;

	static final int MAX_DUTIES = 2000;

	private final CommandStore store;

	private final AuditTrail audit;

	private final Clock clock;

	public CommandBodies(CommandStore store, AuditTrail audit, Clock clock) {
		this.store = store;
		this.audit = audit;
		this.clock = clock;
	}

	/** The bodies of a city in tree order (each group after its parent); 404 for a city out of scope. */
	@Transactional(readOnly = true)
	public List<CommandBody> list(CurrentUser user, long cityId) {
		requireRead(user, cityId);
		List<BodyRow> rows = store.ofCity(cityId);
		Set<Long> own = Set.copyOf(store.bodiesOfUser(cityId, user.id()));
		List<CommandBody> ordered = new ArrayList<>();
		for (BodyRow r : rows) {
			if (r.parentId() == null || rows.stream().noneMatch(p -> p.id() == r.parentId())) {
				ordered.add(view(user, r, own));
				rows.stream().filter(c -> r.id() == (c.parentId() == null ? -1 : c.parentId()))
					.forEach(c -> ordered.add(view(user, c, own)));
			}
		}
		return ordered;
	}

	@Transactional(readOnly = true)
	public CommandBody get(CurrentUser user, long id) {
		BodyRow row = visible(user, id);
		return view(user, row, Set.copyOf(store.bodiesOfUser(row.cityId(), user.id())));
	}

	@Transactional
	public CommandBody create(CurrentUser user, CommandBody.Draft draft) {
		requireManage(user);
		long cityId = cityOf(user);
		BodyFields f = check(cityId, draft, null);
		long id = store.insert(cityId, f, clock.instant(), user.username());
		audit.record(describe(AuditEntry.of("COMMAND_BODY_CREATE").city(cityId).object("commandBody", id), null, f));
		return get(user, id);
	}

	@Transactional
	public CommandBody update(CurrentUser user, long id, int version, CommandBody.Draft draft) {
		requireManage(user);
		BodyRow before = visible(user, id);
		BodyFields f = check(before.cityId(), draft, before);
		if (!store.update(id, version, f, clock.instant())) {
			throw new ConflictException("error.conflict");
		}
		audit.record(describe(AuditEntry.of("COMMAND_BODY_UPDATE").city(before.cityId()).object("commandBody", id), before, f));
		return get(user, id);
	}

	@Transactional
	public CommandBody addMember(CurrentUser user, long bodyId, CommandBody.MemberDraft draft) {
		requireManage(user);
		BodyRow body = visible(user, bodyId);
		CommandBody.MemberDraft d = draft == null ? new CommandBody.MemberDraft(null, null, null, null, null) : draft;
		List<FieldProblem> problems = new ArrayList<>();
		String name = text("name", d.name(), 64, true, problems);
		String post = text("post", d.post(), 128, false, problems);
		String phone = trim(d.phone());
		if (phone != null && !Units.PHONE.matcher(phone).matches()) {
			problems.add(FieldProblem.of("phone", "unit.error.phone.format"));
		}
		MemberRole role = parse(MemberRole.class, d.role());
		if (role == null) {
			problems.add(FieldProblem.of("role", "command.error.role"));
		}
		String account = null;
		if (d.userId() != null) {
			account = store.accountOfCity(body.cityId(), d.userId()).orElse(null);
			if (account == null) {
				problems.add(FieldProblem.of("userId", "command.error.account"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		long memberId = store.insertMember(bodyId, body.cityId(),
				new Member(0, name, post, phone, role, d.userId(), null));
		audit.record(AuditEntry.of("COMMAND_MEMBER_ADD")
			.city(body.cityId())
			.object("commandBody", bodyId)
			.change("member", null, memberId)
			.change("name", null, name)
			.change("post", null, post)
			.change("role", null, role)
			.change("account", null, account));
		return get(user, bodyId);
	}

	@Transactional
	public CommandBody removeMember(CurrentUser user, long bodyId, long memberId) {
		requireManage(user);
		BodyRow body = visible(user, bodyId);
		Member m = store.members(bodyId).stream().filter(x -> x.id() == memberId).findFirst()
			.orElseThrow(() -> new NotFoundException("member", memberId));
		store.deleteMember(bodyId, memberId);
		audit.record(AuditEntry.of("COMMAND_MEMBER_REMOVE")
			.city(body.cityId())
			.object("commandBody", bodyId)
			.change("member", memberId, null)
			.change("name", m.name(), null)
			.change("role", m.role(), null));
		return get(user, bodyId);
	}

	/** An account a member may be linked to. */
	public record Account(long id, String label) {
	}

	/** The enabled accounts of the office's city, for linking a member; empty for anyone else. */
	@Transactional(readOnly = true)
	public List<Account> accountChoices(CurrentUser user, long cityId) {
		if (!user.can(Permissions.COMMAND_MANAGE) || !user.scope().includesCity(cityId)) {
			return List.of();
		}
		return store.accountsOfCity(cityId).stream().map(a -> new Account(a.id(), a.label())).toList();
	}

	/** The number masked for readers outside the office and the body: 138****1234. */
	public static String mask(String phone) {
		if (phone == null) {
			return null;
		}
		String digits = phone.replaceAll("[^0-9]", "");
		if (digits.length() < 7) {
			return "****";
		}
		return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
	}

	private BodyFields check(long cityId, CommandBody.Draft draft, BodyRow existing) {
		CommandBody.Draft d = draft == null ? new CommandBody.Draft(null, null, null, null, null) : draft;
		List<FieldProblem> problems = new ArrayList<>();
		Kind kind = parse(Kind.class, d.kind());
		if (kind == null) {
			problems.add(FieldProblem.of("kind", "command.error.kind"));
		}
		String name = text("name", d.name(), MAX_NAME, true, problems);
		String duties = text("duties", d.duties(), MAX_DUTIES, false, problems);
		if (d.parentId() != null) {
			Optional<BodyRow> parent = store.find(d.parentId()).filter(p -> p.cityId() == cityId);
			if (parent.isEmpty() || (existing != null && parent.get().id() == existing.id())) {
				problems.add(FieldProblem.of("parentId", "command.error.parent"));
			}
			else if (parent.get().parentId() != null || (existing != null && store.hasChildren(existing.id()))) {
				// two levels only: a body and its groups
				problems.add(FieldProblem.of("parentId", "command.error.parent.depth"));
			}
		}
		else if (kind == Kind.GROUP || kind == Kind.OFFICE) {
			problems.add(FieldProblem.of("parentId", "command.error.parent.required"));
		}
		int sort = d.sortOrder() == null ? 0 : d.sortOrder();
		if (sort < 0 || sort > 9999) {
			problems.add(FieldProblem.of("sortOrder", "command.error.sort"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new BodyFields(kind, name, d.parentId(), duties, sort);
	}

	private static AuditEntry describe(AuditEntry e, BodyRow before, BodyFields after) {
		return e.change("kind", before == null ? null : before.kind(), after.kind())
			.change("name", before == null ? null : before.name(), after.name())
			.change("parent", before == null ? null : before.parentId(), after.parentId())
			.change("duties", before == null ? null : before.duties(), after.duties());
	}

	private CommandBody view(CurrentUser user, BodyRow r, Set<Long> ownBodies) {
		boolean whole = user.can(Permissions.COMMAND_MANAGE) || ownBodies.contains(r.id());
		List<Member> members = store.members(r.id())
			.stream()
			.map(m -> whole ? m : new Member(m.id(), m.name(), m.post(), mask(m.phone()), m.role(), m.userId(), m.username()))
			.toList();
		return new CommandBody(r.id(), r.cityId(), r.kind(), r.name(), r.parentId(), r.parentName(), r.duties(),
				r.sortOrder(), members, r.version());
	}

	private BodyRow visible(CurrentUser user, long id) {
		if (!user.can(Permissions.COMMAND_READ) && !user.can(Permissions.COMMAND_MANAGE)) {
			throw new AccessDeniedException(Permissions.COMMAND_READ);
		}
		return store.find(id).filter(b -> user.scope().includesCity(b.cityId()))
			.orElseThrow(() -> new NotFoundException("command body", id));
	}

	private static void requireRead(CurrentUser user, long cityId) {
		if (!user.can(Permissions.COMMAND_READ) && !user.can(Permissions.COMMAND_MANAGE)) {
			throw new AccessDeniedException(Permissions.COMMAND_READ);
		}
		if (!user.scope().includesCity(cityId)) {
			throw new NotFoundException("city", cityId);
		}
	}

	static void requireManage(CurrentUser user) {
		if (!user.can(Permissions.COMMAND_MANAGE)) {
			throw new AccessDeniedException(Permissions.COMMAND_MANAGE);
		}
	}

	/** The office's own city: the command structure is kept by a city's office. */
	static long cityOf(CurrentUser user) {
		if (user.cityId() == null) {
			throw new AccessDeniedException(Permissions.COMMAND_MANAGE);
		}
		return user.cityId();
	}

	static <E extends Enum<E>> E parse(Class<E> type, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static String text(String field, String value, int max, boolean required, List<FieldProblem> problems) {
		String v = trim(value);
		if (v == null) {
			if (required) {
				problems.add(FieldProblem.of(field, "command.error.required"));
			}
			return null;
		}
		if (v.length() > max) {
			problems.add(FieldProblem.of(field, "command.error.long", max));
		}
		return v;
	}

	static String trim(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
