package cn.chuangwen.organization;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.files.Upload;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.internal.CareTeamStore;
import cn.chuangwen.organization.internal.UnitStore;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * Care teams (包保, Q2): the office attaches 3–5 departments to a community or village, one the lead.
 * The team's departments' liaisons may READ the community's assignments and problems: their read
 * scope ({@link #readScope}) adds the community, and only read paths ask for it, so nothing they may
 * change grows. They report the help they gave on the community's record; the office, the community
 * and the team see it.
 */
@Service
public class CareTeams {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	static final int MAX_TEXT = 2000;

	static final int MAX_PHOTOS = 6;


	private final CareTeamStore store;

	private final UnitStore units;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final Clock clock;

	public CareTeams(CareTeamStore store, UnitStore units, EvidenceStore files, AuditTrail audit, Clock clock) {
		this.store = store;
		this.units = units;
		this.files = files;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The caller's scope for reading assignments and problems: its own scope, and for a unit's
	 * liaison the communities its department(s) are in charge of. Never pass it to a write.
	 */
	@Transactional(readOnly = true)
	public DataScope readScope(CurrentUser user) {
		DataScope scope = user.scope();
		if (!ScopeSql.of(scope).restrictsUnits()) {
			return scope;
		}
		return scope.readingAlso(store.caredPaths(scope));
	}

	/** The community's team; 404 unless the caller sees the community or is on its team. */
	@Transactional(readOnly = true)
	public CareTeam team(CurrentUser user, long communityId) {
		UnitView community = readable(user, communityId);
		return new CareTeam(community.id(), community.cityId(), community.name(), store.departments(communityId));
	}

	/** The team of a community, when the caller sees the community; empty departments otherwise. */
	@Transactional(readOnly = true)
	public java.util.Optional<CareTeam> teamIfVisible(CurrentUser user, UnitView community) {
		if (!cares(community.kind()) || !user.scope().includesUnit(community.cityId(), community.path())
				|| !(user.can(Permissions.COMMAND_READ) || user.can(Permissions.COMMAND_MANAGE))) {
			return java.util.Optional.empty();
		}
		return java.util.Optional.of(new CareTeam(community.id(), community.cityId(), community.name(),
				store.departments(community.id())));
	}

	/** The communities the caller's department(s) are in charge of (for a liaison), in code order. */
	@Transactional(readOnly = true)
	public List<CareTeam.Cared> caredByMe(CurrentUser user) {
		DataScope scope = user.scope();
		return ScopeSql.of(scope).restrictsUnits() ? store.caredBy(scope) : List.of();
	}

	/** The communities with a team in the caller's own scope (the office: the city's). */
	@Transactional(readOnly = true)
	public List<CareTeam.Cared> teams(CurrentUser user) {
		requireRead(user);
		return store.teamsIn(user.scope());
	}

	/**
	 * Sets a community's team (the office): 3–5 departments of its city, active, one of them the
	 * lead; a department named twice counts once. The team is replaced as a whole and traced.
	 */
	@Transactional
	public CareTeam set(CurrentUser user, long communityId, List<Long> departmentIds, Long leadId) {
		CommandBodies.requireManage(user);
		UnitView community = units.find(user.scope(), communityId)
			.orElseThrow(() -> new NotFoundException("unit", communityId));
		List<FieldProblem> problems = new ArrayList<>();
		if (!cares(community.kind())) {
			problems.add(FieldProblem.of("communityId", "care.error.community"));
		}
		Set<Long> ids = new LinkedHashSet<>();
		if (departmentIds != null) {
			departmentIds.stream().filter(java.util.Objects::nonNull).forEach(ids::add);
		}
		if (ids.size() < CareTeam.MIN || ids.size() > CareTeam.MAX) {
			problems.add(FieldProblem.of("departmentIds", "care.error.count", CareTeam.MIN, CareTeam.MAX, ids.size()));
		}
		Map<Long, Object[]> found = ids.isEmpty() ? Map.of() : store.units(ids);
		for (Long id : ids) {
			Object[] u = found.get(id);
			if (u == null || (long) u[2] != community.cityId()) {
				problems.add(FieldProblem.of("departmentIds", "care.error.department.unknown", id));
			}
			else if (!"DEPARTMENT".equals(u[0]) || !(boolean) u[1]) {
				problems.add(FieldProblem.of("departmentIds", "care.error.department.kind", u[3]));
			}
		}
		if (leadId == null || !ids.contains(leadId)) {
			problems.add(FieldProblem.of("leadDepartmentId", "care.error.lead"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		List<CareTeam.Department> before = store.departments(communityId);
		store.replace(communityId, community.cityId(), List.copyOf(ids), leadId);
		List<CareTeam.Department> after = store.departments(communityId);
		audit.record(AuditEntry.of("CARE_TEAM_SET")
			.city(community.cityId())
			.object("unit", communityId)
			.change("careTeam", label(before), label(after)));
		return new CareTeam(communityId, community.cityId(), community.name(), after);
	}

	/** The help reported on a community, newest first; the same readers as the team. */
	@Transactional(readOnly = true)
	public List<CareTeam.Help> help(CurrentUser user, long communityId) {
		readable(user, communityId);
		return store.help(communityId);
	}

	/**
	 * Reports help given (帮扶记录) by the caller's department, which must be on the community's team
	 * (403 otherwise, after the input is checked): the day (not in the future), what was done, up to six photos.
	 */
	@Transactional
	public long addHelp(CurrentUser user, long communityId, String date, String text, List<Upload> photos) {
		UnitView community = readable(user, communityId);
		List<FieldProblem> problems = new ArrayList<>();
		LocalDate day = null;
		if (date == null || date.isBlank()) {
			problems.add(FieldProblem.of("date", "care.error.date.required"));
		}
		else {
			try {
				day = LocalDate.parse(date.strip());
				if (day.isAfter(LocalDate.now(clock.withZone(ZONE)))) {
					problems.add(FieldProblem.of("date", "care.error.date.future"));
				}
			}
			catch (DateTimeParseException ex) {
				problems.add(FieldProblem.of("date", "care.error.date.format"));
			}
		}
		String what = CommandBodies.text("text", text, MAX_TEXT, true, problems);
		List<Upload> given = photos == null ? List.of() : photos;
		if (given.size() > MAX_PHOTOS) {
			problems.add(FieldProblem.of(EvidenceStore.FIELD, "care.error.photos.many", MAX_PHOTOS));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		// checked after the input, so a reader who may not report learns nothing of it beyond 403
		CareTeam team = new CareTeam(community.id(), community.cityId(), community.name(), store.departments(communityId));
		if (!user.can(Permissions.COMMAND_READ) || !team.isMember(user.unitId())) {
			throw new AccessDeniedException("care team member");
		}
		List<StoredFile> stored = new ArrayList<>();
		for (Upload u : given) {
			StoredFile f = files.store(community.cityId(), user.username(), u.name(), u.content());
			if (!f.kind().isImage()) {
				throw new InvalidInputException(FieldProblem.of(EvidenceStore.FIELD, "care.error.photo.kind", u.name()));
			}
			stored.add(f);
		}
		long id = store.insertHelp(community.cityId(), communityId, user.unitId(), day, what, clock.instant(),
				user.username());
		stored.forEach(f -> store.insertPhoto(id, f.id()));
		audit.record(AuditEntry.of("CARE_HELP_ADD")
			.city(community.cityId())
			.object("unit", communityId)
			.change("help", null, id)
			.change("date", null, day)
			.change("photos", null, stored.size()));
		return id;
	}

	/** A photo of a help record of the community, for its readers. */
	@Transactional(readOnly = true)
	public StoredFile photo(CurrentUser user, long communityId, long fileId) {
		readable(user, communityId);
		if (!store.photoOf(communityId, fileId)) {
			throw new NotFoundException("photo", fileId);
		}
		return files.find(fileId).orElseThrow(() -> new NotFoundException("photo", fileId));
	}

	/** The community, when the caller sees it in its own scope or is on its team; 404 otherwise. */
	private UnitView readable(CurrentUser user, long communityId) {
		requireRead(user);
		return units.find(readScope(user), communityId)
			.filter(u -> cares(u.kind()))
			.orElseThrow(() -> new NotFoundException("unit", communityId));
	}

	private static void requireRead(CurrentUser user) {
		if (!user.can(Permissions.COMMAND_READ) && !user.can(Permissions.COMMAND_MANAGE)) {
			throw new AccessDeniedException(Permissions.COMMAND_READ);
		}
	}

	static boolean cares(UnitKind kind) {
		return kind == UnitKind.COMMUNITY || kind == UnitKind.VILLAGE;
	}

	private static String label(List<CareTeam.Department> team) {
		if (team.isEmpty()) {
			return null;
		}
		return String.join("、", team.stream().map(d -> d.lead() ? d.name() + "（牵头）" : d.name()).toList());
	}

}
