package cn.chuangwen.organization.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.springframework.http.MediaType;
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
import org.springframework.web.multipart.MultipartFile;

import cn.chuangwen.files.Uploads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.organization.CareTeam;
import cn.chuangwen.organization.CareTeams;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * Care teams as JSON (issue 12 §6): {@code GET /api/v1/care-teams?unitId=} answers the team of a
 * community; the office replaces a team with PUT; a team member reports help (multipart
 * {@code date}, {@code text}, photos in {@code files}); the team's readers list the help.
 */
@RestController
@RequestMapping("/api/v1/care-teams")
@PreAuthorize("hasAnyAuthority('command:read', 'command:manage')")
class CareTeamsApi {

	private final CareTeams teams;

	CareTeamsApi(CareTeams teams) {
		this.teams = teams;
	}

	record TeamEdit(List<Long> departmentIds, Long leadDepartmentId) {
	}

	record Created(long id, long communityId) {
	}

	@GetMapping
	List<CareTeam> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String unitId) {
		if (unitId == null || unitId.isBlank()) {
			return teams.teams(user).stream().map(c -> teams.team(user, c.communityId())).toList();
		}
		return List.of(teams.team(user, id(unitId)));
	}

	@PutMapping("/{communityId}")
	@PreAuthorize("hasAuthority('command:manage')")
	CareTeam set(@AuthenticationPrincipal CurrentUser user, @PathVariable long communityId,
			@RequestBody(required = false) TeamEdit body) {
		TeamEdit edit = body == null ? new TeamEdit(null, null) : body;
		return teams.set(user, communityId, edit.departmentIds(), edit.leadDepartmentId());
	}

	@GetMapping("/{communityId}/help")
	List<CareTeam.Help> help(@AuthenticationPrincipal CurrentUser user, @PathVariable long communityId) {
		return teams.help(user, communityId);
	}

	@PostMapping(path = "/{communityId}/help", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Created> addHelp(@AuthenticationPrincipal CurrentUser user, @PathVariable long communityId,
			@RequestParam(required = false) String date, @RequestParam(required = false) String text,
			@RequestParam(name = EvidenceStore.FIELD, required = false) List<MultipartFile> files) throws IOException {
		long id = teams.addHelp(user, communityId, date, text, Uploads.of(files));
		return ResponseEntity.created(URI.create("/api/v1/care-teams/" + communityId + "/help"))
			.body(new Created(id, communityId));
	}

	private static long id(String text) {
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(FieldProblem.of("unitId", "command.error.id"));
		}
	}

}
