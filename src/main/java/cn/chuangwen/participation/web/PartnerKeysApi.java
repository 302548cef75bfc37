package cn.chuangwen.participation.web;

import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
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
import cn.chuangwen.participation.PartnerKeys;
import cn.chuangwen.participation.PartnerKeys.PartnerDraft;
import cn.chuangwen.participation.PartnerKeys.PartnerKey;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;

/**
 * The office's Open311 partner keys as JSON (participation:triage, own city only):
 * {@code GET/POST /api/v1/open311-keys}, {@code GET …/{id}}, {@code POST …/{id}/revoke}. The key
 * itself is in the answer to the POST that issues it, and nowhere else, ever.
 */
@RestController
@RequestMapping("/api/v1/open311-keys")
class PartnerKeysApi {

	record RevokeRequest(String reason) {
	}

	private final PartnerKeys keys;

	PartnerKeysApi(PartnerKeys keys) {
		this.keys = keys;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('participation:triage')")
	ResponseEntity<List<PartnerKey>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		return PagedResponse.of(keys.list(user, PageRequest.parse(page, size)));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('participation:triage')")
	PartnerKey get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return keys.get(user, id);
	}

	/** 201 with the key (shown once: not cached, not stored anywhere but as its hash). */
	@PostMapping
	@PreAuthorize("hasAuthority('participation:triage')")
	ResponseEntity<PartnerKeys.Issued> issue(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) PartnerDraft body) {
		PartnerKeys.Issued issued = keys.issue(user, body == null ? new PartnerDraft(null, null, null) : body);
		return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(issued);
	}

	@PostMapping("/{id}/revoke")
	@PreAuthorize("hasAuthority('participation:triage')")
	PartnerKey revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) RevokeRequest body) {
		return keys.revoke(user, id, body == null ? null : body.reason());
	}

}
