package cn.chuangwen.publicity.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.publicity.Campaign;
import cn.chuangwen.publicity.CampaignDraft;
import cn.chuangwen.publicity.CampaignEntry;
import cn.chuangwen.publicity.PublicCampaigns;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Public campaigns as JSON for the office's tools: readers list the campaigns of their scope and a
 * campaign's entries ({@code state} filter); the office creates a draft, publishes it, and moderates
 * entries ({@code {"decision": "APPROVE"|"REJECT", "reason": ...}}).
 */
@RestController
@RequestMapping("/api/v1/campaigns")
@PreAuthorize("hasAnyAuthority('publicity:read', 'publicity:manage')")
class CampaignsApi {

	private final PublicCampaigns campaigns;

	CampaignsApi(PublicCampaigns campaigns) {
		this.campaigns = campaigns;
	}

	record CampaignJson(long id, long cityId, String kind, String title, String description, LocalDate startsOn,
			LocalDate submitUntil, LocalDate voteUntil, int perDeviceLimit, String state, String phase,
			Instant resultsPublishedAt) {
	}

	record EntryJson(long id, long campaignId, String content, String note, String source, String state,
			String rejectReason, Instant submittedAt, String moderatedBy, Instant moderatedAt, int votes) {

		static EntryJson of(CampaignEntry e) {
			return new EntryJson(e.id(), e.campaignId(), e.content(), e.note(), e.source().name(), e.state().name(),
					e.rejectReason(), e.submittedAt(), e.moderatedBy(), e.moderatedAt(), e.votes());
		}

	}

	record ModerationBody(String decision, String reason) {
	}

	private CampaignJson json(Campaign c) {
		var s = c.schedule();
		return new CampaignJson(c.id(), c.cityId(), c.kind().name(), c.title(), c.description(), s.startsOn(),
				s.submitUntil(), s.voteUntil(), c.perDeviceLimit(), c.state().name(), s.phase(campaigns.today()).name(),
				c.resultsPublishedAt());
	}

	@GetMapping
	ResponseEntity<List<CampaignJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		return PagedResponse.of(campaigns.page(user, request).map(this::json));
	}

	@GetMapping("/{id}")
	CampaignJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return json(campaigns.get(user, id));
	}

	@PostMapping
	@PreAuthorize("hasAuthority('publicity:manage')")
	ResponseEntity<CampaignJson> create(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) CampaignDraft body) {
		Campaign c = campaigns.create(user,
				body == null ? new CampaignDraft(null, null, null, null, null, null, null) : body);
		return ResponseEntity.created(URI.create("/api/v1/campaigns/" + c.id())).body(json(c));
	}

	@PostMapping("/{id}/publish")
	@PreAuthorize("hasAuthority('publicity:manage')")
	CampaignJson publish(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return json(campaigns.publish(user, id));
	}

	@GetMapping("/{id}/entries")
	ResponseEntity<List<EntryJson>> entries(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String state, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		PageRequest request = QueryParams.page(page, size, bad);
		CampaignEntry.EntryState s = CampaignPages.state(state);
		if (s == null && state != null && !state.isBlank()) {
			bad.add(FieldProblem.of("state", "campaign.error.state.invalid"));
		}
		QueryParams.check(bad);
		return PagedResponse.of(campaigns.entries(user, id, s, request).map(EntryJson::of));
	}

	@PostMapping("/{id}/entries/{entryId}/moderation")
	@PreAuthorize("hasAuthority('publicity:manage')")
	EntryJson moderate(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long entryId,
			@RequestBody(required = false) ModerationBody body) {
		String decision = body == null || body.decision() == null ? "" : body.decision().strip();
		if (!decision.equals("APPROVE") && !decision.equals("REJECT")) {
			throw new InvalidInputException(FieldProblem.of("decision", "campaign.error.decision.invalid"));
		}
		return EntryJson.of(campaigns.moderate(user, id, entryId, decision.equals("APPROVE"), body.reason()));
	}

}
