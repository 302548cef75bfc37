package cn.chuangwen.audit.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import cn.chuangwen.audit.VerifyResult;

/** The trace over JSON, for monitoring and for the auditors' tools. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditApiController {

	private final AuditAdministration administration;

	AuditApiController(AuditAdministration administration) {
		this.administration = administration;
	}

	/** Recomputes the hash chains in the caller's scope; the check is itself recorded. */
	@GetMapping("/verify")
	@PreAuthorize("hasAuthority('audit:verify')")
	VerifyResponse verify() {
		VerifyResult r = administration.verify();
		return new VerifyResponse(r.ok(), r.checked(), r.firstBrokenSeq(), r.chainId());
	}

	/** {@code {"ok":…,"checked":…,"firstBrokenSeq":…,"chainId":…}}, nulls written out. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	@JsonPropertyOrder({ "ok", "checked", "firstBrokenSeq", "chainId" })
	public record VerifyResponse(boolean ok, long checked, Long firstBrokenSeq, Long chainId) {
	}

}
