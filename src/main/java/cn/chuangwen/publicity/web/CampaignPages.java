package cn.chuangwen.publicity.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.files.Downloads;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.publicity.Campaign;
import cn.chuangwen.publicity.CampaignDraft;
import cn.chuangwen.publicity.CampaignEntry.EntryState;
import cn.chuangwen.publicity.CampaignKind;
import cn.chuangwen.publicity.CampaignState;
import cn.chuangwen.publicity.PublicCampaigns;
import cn.chuangwen.publicity.internal.CampaignWorkbook;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;

/**
 * The office's campaign pages (T5): the list, the form for a draft (new or edited), and one campaign
 * with its phase, its entries (waiting ones first, a state filter, Excel export) and the office's
 * actions: publish, withdraw with a reason, approve or reject an entry, add an entry of its own,
 * publish the results. Readers of publicity see the same without the actions.
 */
@Controller
@PreAuthorize("hasAnyAuthority('publicity:read', 'publicity:manage')")
class CampaignPages {

	static final int PAGE_SIZE = 20;

	/** Entries in one workbook: a city's campaign collects hundreds, rarely thousands. */
	static final int MAX_EXPORT = 20_000;

	private final PublicCampaigns campaigns;

	private final CampaignWorkbook workbook;

	private final MessageSource messages;

	CampaignPages(PublicCampaigns campaigns, CampaignWorkbook workbook, MessageSource messages) {
		this.campaigns = campaigns;
		this.workbook = workbook;
		this.messages = messages;
	}

	/** An entry state filter: blank is every state, anything else unknown is every state too. */
	static EntryState state(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return EntryState.valueOf(text.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@GetMapping("/publicity/campaigns")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
		model.addAttribute("result", campaigns.page(user, PageRequest.lenient(page, PAGE_SIZE)));
		model.addAttribute("today", campaigns.today());
		model.addAttribute("office", user.can(Permissions.PUBLICITY_MANAGE));
		model.addAttribute("publicUrl", user.cityCode() == null ? null : "/public/campaigns/" + user.cityCode());
		return "publicity/campaigns";
	}

	@GetMapping("/publicity/campaigns/new")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String create(Model model) {
		var today = campaigns.today();
		return form(null, new CampaignDraft(CampaignKind.SLOGAN.name(), "", "", today.plusDays(1).toString(),
				today.plusDays(30).toString(), today.plusDays(45).toString(), String.valueOf(PublicCampaigns.DEFAULT_LIMIT)),
				0, FormErrors.none(), model);
	}

	private String form(Long id, CampaignDraft form, int version, FormErrors errors, Model model) {
		model.addAttribute("id", id);
		model.addAttribute("form", form);
		model.addAttribute("version", version);
		model.addAttribute("kinds", CampaignKind.values());
		model.addAttribute("errors", errors);
		model.addAttribute("maxLimit", PublicCampaigns.MAX_LIMIT);
		return "publicity/campaign-form";
	}

	@PostMapping("/publicity/campaigns")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String save(@AuthenticationPrincipal CurrentUser user, CampaignDraft draft, HttpServletResponse response,
			Model model, Locale locale, RedirectAttributes redirect) {
		try {
			Campaign c = campaigns.create(user, draft);
			redirect.addFlashAttribute("notice", "campaign.done.created");
			return "redirect:/publicity/campaigns/" + c.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return form(null, draft, 0, FormErrors.of(ex.problems(), messages, locale), model);
		}
	}

	@GetMapping("/publicity/campaigns/{id}/edit")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		Campaign c = campaigns.get(user, id);
		if (c.state() != CampaignState.DRAFT) {
			throw new ConflictException("campaign.error.notDraft");
		}
		var s = c.schedule();
		return form(id, new CampaignDraft(c.kind().name(), c.title(), c.description(), s.startsOn().toString(),
				s.submitUntil().toString(), s.voteUntil() == null ? "" : s.voteUntil().toString(),
				String.valueOf(c.perDeviceLimit())), c.version(), FormErrors.none(), model);
	}

	@PostMapping("/publicity/campaigns/{id}")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, CampaignDraft draft,
			@RequestParam(required = false) Integer version, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		int v = version == null ? -1 : version;
		try {
			campaigns.update(user, id, draft, v);
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return form(id, draft, v, FormErrors.of(ex.problems(), messages, locale), model);
		}
		redirect.addFlashAttribute("notice", "campaign.done.updated");
		return "redirect:/publicity/campaigns/" + id;
	}

	@GetMapping("/publicity/campaigns/{id}")
	String campaign(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String state, @RequestParam(required = false) Integer page, Model model) {
		return campaign(user, id, state(state), page, FormErrors.none(), Map.of(), model);
	}

	private String campaign(CurrentUser user, long id, EntryState state, Integer page, FormErrors errors,
			Map<String, String> typed, Model model) {
		Campaign c = campaigns.get(user, id);
		model.addAttribute("c", c);
		model.addAttribute("phase", c.schedule().phase(campaigns.today()));
		model.addAttribute("office", campaigns.manages(user, c));
		model.addAttribute("state", state);
		model.addAttribute("states", EntryState.values());
		Map<EntryState, Long> counts = campaigns.entryCounts(user, id);
		model.addAttribute("counts", counts);
		model.addAttribute("countAll", counts.values().stream().mapToLong(Long::longValue).sum());
		model.addAttribute("entries", campaigns.entries(user, id, state, PageRequest.lenient(page, PAGE_SIZE)));
		model.addAttribute("history", campaigns.history(user, id));
		model.addAttribute("sites", campaigns.manages(user, c) ? campaigns.selectableSites(user, id) : List.of());
		model.addAttribute("errors", errors);
		model.addAttribute("typed", typed);
		model.addAttribute("publicUrl", "/public/campaigns/" + c.cityCode() + "/" + c.id());
		return "publicity/campaign";
	}

	@PostMapping("/publicity/campaigns/{id}/publish")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String publish(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		campaigns.publish(user, id);
		redirect.addFlashAttribute("notice", "campaign.done.published");
		return "redirect:/publicity/campaigns/" + id;
	}

	@PostMapping("/publicity/campaigns/{id}/withdraw")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String reason, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		try {
			campaigns.withdraw(user, id, reason);
		}
		catch (InvalidInputException ex) {
			return invalid(user, id, ex, Map.of("withdrawReason", reason == null ? "" : reason), response, model, locale);
		}
		redirect.addFlashAttribute("notice", "campaign.done.withdrawn");
		return "redirect:/publicity/campaigns/" + id;
	}

	@PostMapping("/publicity/campaigns/{id}/results")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String results(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		campaigns.publishResults(user, id);
		redirect.addFlashAttribute("notice", "campaign.done.results");
		return "redirect:/publicity/campaigns/" + id;
	}

	@PostMapping("/publicity/campaigns/{id}/entries")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String addEntry(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String content, @RequestParam(required = false) String note,
			@RequestParam(required = false) String siteId, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		try {
			campaigns.addEntry(user, id, content, note, siteId);
		}
		catch (InvalidInputException ex) {
			return invalid(user, id, ex, Map.of("content", content == null ? "" : content, "note", note == null ? "" : note,
					"siteId", siteId == null ? "" : siteId), response, model, locale);
		}
		redirect.addFlashAttribute("notice", "campaign.done.entryAdded");
		return "redirect:/publicity/campaigns/" + id;
	}

	@PostMapping("/publicity/campaigns/{id}/entries/{entryId}/approve")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String approve(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long entryId,
			@RequestParam(required = false) String state, RedirectAttributes redirect) {
		campaigns.moderate(user, id, entryId, true, null);
		redirect.addFlashAttribute("notice", "campaign.done.approved");
		return "redirect:/publicity/campaigns/" + id + filter(state) + "#entries";
	}

	@PostMapping("/publicity/campaigns/{id}/entries/{entryId}/reject")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String reject(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long entryId,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String state,
			HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			campaigns.moderate(user, id, entryId, false, reason);
		}
		catch (InvalidInputException ex) {
			List<FieldProblem> problems = new ArrayList<>();
			ex.problems().forEach(p -> problems.add(FieldProblem.of("reason-" + entryId, p.messageKey(), p.args().toArray())));
			return invalid(user, id, new InvalidInputException(problems), Map.of(), response, model, locale);
		}
		redirect.addFlashAttribute("notice", "campaign.done.rejected");
		return "redirect:/publicity/campaigns/" + id + filter(state) + "#entries";
	}

	private static String filter(String state) {
		EntryState s = state(state);
		return s == null ? "" : "?state=" + s.name();
	}

	private String invalid(CurrentUser user, long id, InvalidInputException ex, Map<String, String> typed,
			HttpServletResponse response, Model model, Locale locale) {
		response.setStatus(400);
		return campaign(user, id, null, null, FormErrors.of(ex.problems(), messages, locale), typed, model);
	}

	@GetMapping("/publicity/campaigns/{id}/entries.xlsx")
	void export(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, HttpServletResponse response)
			throws IOException {
		Campaign c = campaigns.get(user, id);
		var buffer = new ByteArrayOutputStream();
		workbook.write(c, campaigns.allEntries(user, id, MAX_EXPORT), buffer);
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition", Downloads.contentDisposition("attachment",
				messages.getMessage("campaign.export.fileName", new Object[] { c.id() }, Locale.SIMPLIFIED_CHINESE)));
		response.setContentLength(buffer.size());
		buffer.writeTo(response.getOutputStream());
	}

}
