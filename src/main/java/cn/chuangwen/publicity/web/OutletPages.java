package cn.chuangwen.publicity.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
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
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.Units;
import cn.chuangwen.publicity.ComplianceRow;
import cn.chuangwen.publicity.MediaOutlets;
import cn.chuangwen.publicity.OutletDraft;
import cn.chuangwen.publicity.OutletKind;
import cn.chuangwen.publicity.OutletMeasure;
import cn.chuangwen.publicity.OutletView;
import cn.chuangwen.publicity.internal.ComplianceWorkbook;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * Public-service-ad pages (公益广告, X9): a month's compliance list (share per outlet, shortfalls
 * first, Excel export), the outlets (the office records one), one outlet with its reports and, for
 * a liaison of its unit, the month's report form (a phone's form: month, two figures, evidence).
 */
@Controller
@PreAuthorize("hasAnyAuthority('publicity:read', 'publicity:manage')")
class OutletPages {

	static final int PAGE_SIZE = 30;

	/** The units that may run an outlet: departments (the media centre, 城管 for screens) and window units. */
	static final EnumSet<UnitKind> UNIT_KINDS = EnumSet.of(UnitKind.DEPARTMENT, UnitKind.WINDOW);

	private final MediaOutlets outlets;

	private final Units units;

	private final EvidenceStore files;

	private final ComplianceWorkbook workbook;

	private final MessageSource messages;

	OutletPages(MediaOutlets outlets, Units units, EvidenceStore files, ComplianceWorkbook workbook,
			MessageSource messages) {
		this.outlets = outlets;
		this.units = units;
		this.files = files;
		this.workbook = workbook;
		this.messages = messages;
	}

	@GetMapping("/publicity/compliance")
	String compliance(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String month,
			@RequestParam(required = false) String shortfall, @RequestParam(required = false) Integer page,
			Model model) {
		YearMonth m = month(month);
		boolean only = "true".equals(shortfall);
		Page<ComplianceRow> result = outlets.compliance(user, m, only, PageRequest.lenient(page, PAGE_SIZE));
		model.addAttribute("result", result);
		model.addAttribute("month", m);
		model.addAttribute("thisMonth", outlets.thisMonth());
		model.addAttribute("shortfallOnly", only);
		// the summary counts every outlet and the shortfalls, whichever the list shows
		model.addAttribute("outletCount", only ? outlets.compliance(user, m, false, PageRequest.first(1)).total()
				: result.total());
		model.addAttribute("shortfalls",
				only ? result.total() : outlets.compliance(user, m, true, PageRequest.first(1)).total());
		model.addAttribute("office", user.can(Permissions.PUBLICITY_MANAGE));
		model.addAttribute("province", user.scope().allCities());
		return "publicity/compliance";
	}

	@GetMapping("/publicity/compliance.xlsx")
	void export(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String month,
			HttpServletResponse response) throws IOException {
		YearMonth m = month(month);
		List<ComplianceRow> rows = outlets.compliance(user, m, false, new PageRequest(1, PageRequest.MAX_SIZE)).items();
		var buffer = new ByteArrayOutputStream();
		workbook.write(m, rows, buffer);
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition", Downloads.contentDisposition("attachment",
				messages.getMessage("outlet.export.fileName", new Object[] { m.toString() }, Locale.SIMPLIFIED_CHINESE)));
		response.setContentLength(buffer.size());
		buffer.writeTo(response.getOutputStream());
	}

	@GetMapping("/publicity/outlets")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
		model.addAttribute("result", outlets.page(user, PageRequest.lenient(page, PAGE_SIZE)));
		model.addAttribute("office", user.can(Permissions.PUBLICITY_MANAGE));
		model.addAttribute("province", user.scope().allCities());
		return "publicity/outlets";
	}

	@GetMapping("/publicity/outlets/new")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String create(@AuthenticationPrincipal CurrentUser user, Model model) {
		return form(user, new OutletDraft("", "", "", null), FormErrors.none(), model);
	}

	private String form(CurrentUser user, OutletDraft form, FormErrors errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("kinds", OutletKind.values());
		model.addAttribute("measures", OutletMeasure.values());
		model.addAttribute("units", units.choices(user.scope(), UNIT_KINDS, true, null, null,
				new PageRequest(1, PageRequest.MAX_SIZE)).items());
		return "publicity/outlet-form";
	}

	@PostMapping("/publicity/outlets")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String save(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String name,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String measure,
			@RequestParam(required = false) String unitId, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		Long unit = null;
		OutletDraft form = new OutletDraft(name, kind, measure, null);
		try {
			if (unitId != null && !unitId.isBlank()) {
				try {
					unit = Long.parseLong(unitId.strip());
				}
				catch (NumberFormatException ex) {
					throw new InvalidInputException(FieldProblem.of("unitId", "outlet.error.unit.unknown"));
				}
			}
			form = new OutletDraft(name, kind, measure, unit);
			OutletView o = outlets.create(user, form);
			redirect.addFlashAttribute("notice", "outlet.done.created");
			return "redirect:/publicity/outlets/" + o.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return form(user, form, FormErrors.of(ex.problems(), messages, locale), model);
		}
	}

	@GetMapping("/publicity/outlets/{id}")
	String outlet(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		return outlet(user, id, FormErrors.none(), Map.of(), model);
	}

	private String outlet(CurrentUser user, long id, FormErrors errors, Map<String, String> typed, Model model) {
		OutletView o = outlets.get(user, id);
		model.addAttribute("o", o);
		model.addAttribute("reports", outlets.reports(user, id));
		model.addAttribute("history", outlets.history(user, id));
		model.addAttribute("reporter", outlets.reportsFor(user, o));
		model.addAttribute("errors", errors);
		model.addAttribute("typed", typed);
		model.addAttribute("thisMonth", outlets.thisMonth());
		return "publicity/outlet";
	}

	@PostMapping("/publicity/outlets/{id}/reports")
	@PreAuthorize("hasAuthority('publicity:report')")
	String report(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String month, @RequestParam(required = false) String adAmount,
			@RequestParam(required = false) String totalAmount, @RequestParam(required = false) String reason,
			@RequestParam(required = false) List<MultipartFile> files, HttpServletResponse response, Model model,
			Locale locale, RedirectAttributes redirect) throws IOException {
		try {
			var r = outlets.report(user, id, new MediaOutlets.ReportDraft(month, adAmount, totalAmount, reason),
					Uploads.of(files));
			redirect.addFlashAttribute("notice", r.compliant() ? "outlet.done.reported" : "outlet.done.reportedShort");
			redirect.addFlashAttribute("noticeArgs", new Object[] { r.month().toString(), r.sharePercent() });
			return "redirect:/publicity/outlets/" + id;
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return outlet(user, id, FormErrors.of(ex.problems(), messages, locale), typed(month, adAmount, totalAmount,
					reason), model);
		}
		catch (cn.chuangwen.shared.ConflictException ex) {
			response.setStatus(409);
			return outlet(user, id, FormErrors.of(List.of(FieldProblem.of("reason", ex.messageKey(), ex.args())),
					messages, locale), typed(month, adAmount, totalAmount, reason), model);
		}
	}

	@GetMapping("/publicity/outlets/{id}/evidence/{fileId}")
	ResponseEntity<Resource> evidence(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long fileId) {
		return Downloads.file(outlets.evidence(user, id, fileId), files, true);
	}

	private static Map<String, String> typed(String month, String ad, String total, String reason) {
		Map<String, String> typed = new HashMap<>();
		typed.put("month", month == null ? "" : month);
		typed.put("adAmount", ad == null ? "" : ad);
		typed.put("totalAmount", total == null ? "" : total);
		typed.put("reason", reason == null ? "" : reason);
		return typed;
	}

	/** The month asked for; the last month when none or a wrong one (a page never fails on its filter). */
	private YearMonth month(String text) {
		YearMonth m = text == null ? null : MediaOutlets.month(text, "month", new ArrayList<>());
		return m == null ? outlets.lastMonth() : m;
	}

}
