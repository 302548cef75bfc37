package cn.chuangwen.organization.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.files.Uploads;
import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.organization.CareTeam;
import cn.chuangwen.organization.CareTeams;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;

/**
 * Care teams (包保, Q2) as pages: the list (a liaison's communities its department is in charge of,
 * the office's teams of the city), a community's team page with its help records, the office's team
 * form, and the team member's help form (phone-first, photos from the camera).
 */
@Controller
@PreAuthorize("hasAnyAuthority('command:read', 'command:manage')")
class CarePages {

	private final CareTeams teams;

	private final Units units;

	private final EvidenceStore files;

	private final MessageSource messages;

	CarePages(CareTeams teams, Units units, EvidenceStore files, MessageSource messages) {
		this.teams = teams;
		this.units = units;
		this.files = files;
		this.messages = messages;
	}

	@GetMapping("/care-teams")
	String list(@AuthenticationPrincipal CurrentUser user, Model model) {
		model.addAttribute("cared", teams.caredByMe(user));
		model.addAttribute("teams", teams.teams(user));
		return "care/list";
	}

	@GetMapping("/care-teams/{communityId}")
	String team(@AuthenticationPrincipal CurrentUser user, @PathVariable long communityId, Model model) {
		CareTeam team = teams.team(user, communityId);
		model.addAttribute("team", team);
		model.addAttribute("help", teams.help(user, communityId));
		model.addAttribute("member", team.isMember(user.unitId()));
		model.addAttribute("leadId", team.departments().stream().filter(CareTeam.Department::lead)
			.map(CareTeam.Department::id).findFirst().orElse(-1L));
		model.addAttribute("today", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
		if (user.can(Permissions.COMMAND_MANAGE)) {
			model.addAttribute("departments", units.search(user.scope(),
					new UnitQuery(null, UnitKind.DEPARTMENT, null, true, null), 500));
		}
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", FormErrors.none());
		}
		return "care/team";
	}

	@PostMapping("/care-teams/{communityId}")
	@PreAuthorize("hasAuthority('command:manage')")
	String set(@AuthenticationPrincipal CurrentUser user, @PathVariable long communityId,
			@RequestParam(required = false) List<String> departmentIds,
			@RequestParam(required = false) String leadDepartmentId, Locale locale, RedirectAttributes redirect) {
		try {
			List<Long> ids = new ArrayList<>();
			if (departmentIds != null) {
				for (String d : departmentIds) {
					ids.add(CommandPages.id("departmentIds", d));
				}
			}
			teams.set(user, communityId, ids, CommandPages.id("leadDepartmentId", leadDepartmentId));
			redirect.addFlashAttribute("notice", "care.done.team");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			redirect.addFlashAttribute("errorsAt", "team");
		}
		return "redirect:/care-teams/" + communityId;
	}

	@PostMapping(path = "/care-teams/{communityId}/help", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	String addHelp(@AuthenticationPrincipal CurrentUser user, @PathVariable long communityId,
			@RequestParam(required = false) String date, @RequestParam(required = false) String text,
			@RequestParam(name = EvidenceStore.FIELD, required = false) List<MultipartFile> photos, Locale locale,
			RedirectAttributes redirect) throws IOException {
		try {
			teams.addHelp(user, communityId, date, text, Uploads.of(photos));
			redirect.addFlashAttribute("notice", "care.done.help");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			redirect.addFlashAttribute("errorsAt", "help");
			redirect.addFlashAttribute("helpText", text);
		}
		return "redirect:/care-teams/" + communityId + "#help";
	}

	@GetMapping("/care-teams/{communityId}/photos/{fileId}")
	ResponseEntity<Resource> photo(@AuthenticationPrincipal CurrentUser user, @PathVariable long communityId,
			@PathVariable long fileId) {
		return Downloads.file(teams.photo(user, communityId, fileId), files, true);
	}


}
