package cn.chuangwen.audit.web;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import cn.chuangwen.audit.AuditEventView;
import cn.chuangwen.audit.internal.AuditEventStore;
import cn.chuangwen.audit.internal.AuditQuery;
import cn.chuangwen.shared.web.HtmxView;

/** The audit administrator's page: read, filter, export and verify the trace. */
@Controller
@RequestMapping("/audit")
class AuditPageController {

	static final int PAGE_SIZE = 50;

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private final AuditAdministration administration;

	private final AuditEventStore store;

	private final AuditExcelExport excel;

	private final Clock clock;

	private final AuditLabels labels;

	AuditPageController(AuditAdministration administration, AuditEventStore store, AuditExcelExport excel,
			Clock clock, AuditLabels labels) {
		this.labels = labels;
		this.administration = administration;
		this.store = store;
		this.excel = excel;
		this.clock = clock;
	}

	/** One page of 50 rows, newest first; {@code before} is the keyset cursor (an id). */
	@GetMapping
	@PreAuthorize("hasAuthority('audit:read')")
	String list(@ModelAttribute("filter") AuditFilterForm filter, Model model, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response) {
		String view = HtmxView.of(request, response, "audit/list", "results");
		Map<String, String> errors = new LinkedHashMap<>();
		AuditQuery query = filter.toQuery(administration.scope(), errors);
		model.addAttribute("fieldErrors", errors);
		model.addAttribute("actions", labels.actions());
		model.addAttribute("objectTypes", labels.objectTypes());
		model.addAttribute("pageSize", PAGE_SIZE);
		model.addAttribute("canVerify", hasAuthority(authentication, "audit:verify"));
		model.addAttribute("exportUrl", url("/audit/export.xlsx", filter.params(), null));
		model.addAttribute("firstUrl", filter.beforeId() == null ? null : url("/audit", filter.params(), null));
		if (!errors.isEmpty()) {
			model.addAttribute("rows", List.of());
			model.addAttribute("nextUrl", null);
			return view;
		}
		administration.recordQuery(AuditAdministration.QUERY, filter.describe());
		List<AuditEventView> found = store.search(query, filter.beforeId(), PAGE_SIZE + 1);
		boolean more = found.size() > PAGE_SIZE;
		List<AuditEventView> page = more ? found.subList(0, PAGE_SIZE) : found;
		model.addAttribute("rows", page.stream().map(EventRow::of).toList());
		model.addAttribute("nextUrl",
				more ? url("/audit", filter.params(), page.get(page.size() - 1).id()) : null);
		return view;
	}

	@PostMapping("/verify")
	@PreAuthorize("hasAuthority('audit:verify')")
	String verify(RedirectAttributes redirect) {
		redirect.addFlashAttribute("verifyResult", administration.verify());
		return "redirect:/audit";
	}

	/** Exactly the filtered rows as an Excel workbook, streamed (at most {@value AuditExcelExport#MAX_ROWS}). */
	@GetMapping("/export.xlsx")
	@PreAuthorize("hasAuthority('audit:read')")
	void export(@ModelAttribute("filter") AuditFilterForm filter, Locale locale, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Map<String, String> errors = new LinkedHashMap<>();
		AuditQuery query = filter.toQuery(administration.scope(), errors);
		if (!errors.isEmpty()) {
			response.sendRedirect(request.getContextPath() + url("/audit", filter.params(), null));
			return;
		}
		administration.recordQuery(AuditAdministration.EXPORT, filter.describe());
		response.setContentType(XLSX);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename("audit-" + LocalDate.now(clock.withZone(AuditFilterForm.SHANGHAI)) + ".xlsx")
			.build()
			.toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		try (OutputStream out = response.getOutputStream()) {
			excel.write(query, locale, out);
		}
	}

	static String url(String path, Map<String, String> params, Long before) {
		UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
		params.forEach(b::queryParam);
		if (before != null) {
			b.queryParam("before", before);
		}
		return b.encode().build().toUriString();
	}

	private static boolean hasAuthority(Authentication authentication, String authority) {
		return authentication != null
				&& authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
	}

}
