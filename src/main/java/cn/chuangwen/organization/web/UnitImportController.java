package cn.chuangwen.organization.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.internal.UnitWorkbooks;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;

/** Importing units from the Excel template: all rows or none, with a report of every bad row. */
@Controller
@PreAuthorize("hasAuthority('unit:import')")
class UnitImportController {

	static final long MAX_BYTES = UnitWorkbooks.MAX_BYTES;

	private final UnitWorkbooks workbooks;

	private final MessageSource messages;

	UnitImportController(UnitWorkbooks workbooks, MessageSource messages) {
		this.workbooks = workbooks;
		this.messages = messages;
	}

	@GetMapping("/units/import")
	String page(Model model) {
		model.addAttribute("errors", FormErrors.none());
		return "units/import";
	}

	@GetMapping("/units/import/template.xlsx")
	void template(@AuthenticationPrincipal CurrentUser user, HttpServletResponse response) throws IOException {
		UnitController.attachment(response, "单位导入模板.xlsx");
		workbooks.writeTemplate(user, response.getOutputStream());
	}

	@PostMapping("/units/import")
	String upload(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) MultipartFile file,
			Model model, Locale locale) throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw new InvalidInputException(FieldProblem.of("file", "import.error.noFile"));
			}
			if (file.getSize() > MAX_BYTES) {
				throw new InvalidInputException(FieldProblem.of("file", "import.error.tooBig", MAX_BYTES / 1024 / 1024));
			}
			var result = workbooks.importUnits(user, file.getInputStream());
			model.addAttribute("imported", result);
			model.addAttribute("errors", FormErrors.none());
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			model.addAttribute("filename", file == null ? null : file.getOriginalFilename());
		}
		return "units/import";
	}

}
