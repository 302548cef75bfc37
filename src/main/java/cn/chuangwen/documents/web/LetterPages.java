package cn.chuangwen.documents.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
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

import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.documents.LetterView;
import cn.chuangwen.documents.ResponsibilityLetters;

/**
 * A unit's responsibility letters (责任状): the list with each letter's state, the PDF, the scan of
 * the signed copy; for the office, the form to issue this year's letter and, per letter, the form
 * to record the signed copy. A form with errors comes back with status 400 and what was typed.
 */
@Controller
@PreAuthorize("hasAuthority('assignment:read')")
class LetterPages {

	private final ResponsibilityLetters letters;

	private final Units units;

	private final Assignments assignments;

	private final EvidenceStore files;

	private final MessageSource messages;

	LetterPages(ResponsibilityLetters letters, Units units, Assignments assignments, EvidenceStore files,
			MessageSource messages) {
		this.letters = letters;
		this.units = units;
		this.assignments = assignments;
		this.files = files;
		this.messages = messages;
	}

	@GetMapping("/units/{id}/letters")
	String list(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) Integer year, Model model) {
		return page(user, id, model, year == null ? null : String.valueOf(year), FormErrors.none(), null);
	}

	@PostMapping("/units/{id}/letters")
	@PreAuthorize("hasAuthority('assignment:write')")
	String issue(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String year, Model model, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			LetterView issued = letters.issue(user, id, parseYear(year));
			redirect.addFlashAttribute("notice", "letter.issued");
			redirect.addFlashAttribute("noticeArg", issued.number());
			return "redirect:/units/" + id + "/letters?year=" + issued.year() + "#letter-" + issued.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return page(user, id, model, year, FormErrors.of(ex.problems(), messages, locale), null);
		}
		catch (DataIntegrityViolationException ex) {
			// Someone issued the same letter, or took the same number, a moment earlier.
			response.setStatus(HttpStatus.CONFLICT.value());
			return page(user, id, model, year,
					FormErrors.of(List.of(FieldProblem.of("year", "letter.error.concurrent")), messages, locale), null);
		}
	}

	@GetMapping("/units/{id}/letters/{letterId}/letter.pdf")
	void pdf(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long letterId,
			@RequestParam(defaultValue = "false") boolean inline, HttpServletResponse response) throws IOException {
		LetterView letter = letter(user, id, letterId);
		// A letter is some 100 KB: laid out in memory first, so a failure is a proper error page, not half a file.
		ByteArrayOutputStream pdf = new ByteArrayOutputStream(128 * 1024);
		letters.pdf(user, letterId, pdf);
		response.setContentType("application/pdf");
		response.setHeader("Content-Disposition",
				Downloads.contentDisposition(inline ? "inline" : "attachment", letters.fileName(letter)));
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Cache-Control", "private, no-store");
		response.setContentLength(pdf.size());
		pdf.writeTo(response.getOutputStream());
	}

	@PostMapping("/units/{id}/letters/{letterId}/signed")
	@PreAuthorize("hasAuthority('assignment:write')")
	String recordSigned(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long letterId,
			@RequestParam(required = false) MultipartFile scan, @RequestParam(required = false) String signedDate,
			Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		letter(user, id, letterId);
		try {
			LocalDate date = parseDate(signedDate);
			boolean chosen = scan != null && scan.getOriginalFilename() != null && !scan.getOriginalFilename().isBlank();
			ResponsibilityLetters.Scan upload = chosen
					? new ResponsibilityLetters.Scan(scan.getOriginalFilename(), scan.getInputStream()) : null;
			LetterView signed = letters.recordSigned(user, letterId, upload, date);
			redirect.addFlashAttribute("notice", "letter.signed");
			redirect.addFlashAttribute("noticeArg", signed.number());
			return "redirect:/units/" + id + "/letters#letter-" + letterId;
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("signedDraft", signedDate);
			return page(user, id, model, null, FormErrors.of(ex.problems(), messages, locale), letterId);
		}
	}

	@GetMapping("/units/{id}/letters/{letterId}/scan")
	ResponseEntity<Resource> scan(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long letterId, @RequestParam(defaultValue = "false") boolean inline) {
		letter(user, id, letterId);
		return Downloads.file(letters.signedScan(user, letterId), files, inline);
	}

	private String page(CurrentUser user, long unitId, Model model, String year, FormErrors errors, Long errorLetter) {
		UnitView unit = units.get(user.scope(), unitId);
		List<LetterView> list = letters.listFor(user, unitId);
		int thisYear = assignments.today().getYear();
		model.addAttribute("unit", unit);
		model.addAttribute("letters", list);
		model.addAttribute("canWrite", user.can(Permissions.ASSIGNMENT_WRITE));
		model.addAttribute("year", year == null ? String.valueOf(thisYear) : year);
		model.addAttribute("today", assignments.today());
		model.addAttribute("errors", errors);
		model.addAttribute("errorLetter", errorLetter);
		model.addAttribute("pdfAvailable", letters.pdfAvailable());
		Integer previewYear = year == null ? Integer.valueOf(thisYear) : tryYear(year);
		boolean issuedThatYear = previewYear != null && list.stream().anyMatch(l -> l.year() == previewYear);
		model.addAttribute("previewYear", previewYear);
		model.addAttribute("previewIssued", issuedThatYear);
		model.addAttribute("fontPath", letters.fontPath());
		model.addAttribute("preview", user.can(Permissions.ASSIGNMENT_WRITE) && previewYear != null && !issuedThatYear
				&& previewYear >= ResponsibilityLetters.MIN_YEAR && previewYear <= ResponsibilityLetters.MAX_YEAR
						? letters.preview(user, unitId, previewYear) : List.of());
		return "documents/letters";
	}

	private LetterView letter(CurrentUser user, long unitId, long letterId) {
		LetterView letter = letters.get(user, letterId);
		if (letter.unitId() != unitId) {
			throw new NotFoundException("responsibility letter", letterId);
		}
		return letter;
	}

	static Integer parseYear(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidInputException(FieldProblem.of("year", "letter.error.year",
					String.valueOf(ResponsibilityLetters.MIN_YEAR), String.valueOf(ResponsibilityLetters.MAX_YEAR)));
		}
		Integer year = tryYear(text);
		if (year == null) {
			throw new InvalidInputException(FieldProblem.of("year", "letter.error.year",
					String.valueOf(ResponsibilityLetters.MIN_YEAR), String.valueOf(ResponsibilityLetters.MAX_YEAR)));
		}
		return year;
	}

	static Integer tryYear(String text) {
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static LocalDate parseDate(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(FieldProblem.of("signedDate", "letter.error.signedDate.format"));
		}
	}

}
