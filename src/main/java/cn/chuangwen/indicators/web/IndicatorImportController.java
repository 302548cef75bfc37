package cn.chuangwen.indicators.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.internal.IndicatorDemoData;
import cn.chuangwen.indicators.internal.IndicatorFile;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;

/** Importing a new indicator system from CSV or xlsx: all rows or none, with a report of every bad row. */
@Controller
@PreAuthorize("hasAuthority('indicator:write')")
class IndicatorImportController {

	private final IndicatorSystems systems;

	private final MessageSource messages;

	IndicatorImportController(IndicatorSystems systems, MessageSource messages) {
		this.systems = systems;
		this.messages = messages;
	}

	@GetMapping("/indicators/import")
	String page(Model model) {
		model.addAttribute("errors", FormErrors.none());
		return "indicators/import";
	}

	/** The sample in the national shape, as the template to fill in. */
	@GetMapping("/indicators/import/sample.csv")
	void sample(HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"indicators-sample.csv\"");
		try (InputStream in = new ClassPathResource(IndicatorDemoData.RESOURCE).getInputStream()) {
			in.transferTo(response.getOutputStream());
		}
	}

	@PostMapping("/indicators/import")
	String upload(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String name,
			@RequestParam(required = false) MultipartFile file, Model model, Locale locale, RedirectAttributes redirect)
			throws IOException {
		try {
			IndicatorSystemView created = importFile(systems, user, name, file);
			redirect.addFlashAttribute("notice", "indicator.import.done");
			redirect.addFlashAttribute("noticeArg", created.leafCount());
			return "redirect:/indicators/" + created.id();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			model.addAttribute("name", name);
			model.addAttribute("filename", file == null ? null : file.getOriginalFilename());
			return "indicators/import";
		}
	}

	/**
	 * The upload checks shared by the page and the API: a file, not over the limit. Without a file
	 * the name is still checked, so every problem is reported at once.
	 */
	static IndicatorSystemView importFile(IndicatorSystems systems, CurrentUser user, String name, MultipartFile file)
			throws IOException {
		boolean chosen = file != null && (file.getSize() > 0 || (file.getOriginalFilename() != null
				&& !file.getOriginalFilename().isBlank()));
		if (!chosen) {
			try {
				return systems.importSystem(user, name, null, InputStream.nullInputStream());
			}
			catch (InvalidInputException ex) {
				throw new InvalidInputException(ex.problems()
					.stream()
					.map(p -> "indicator.import.error.empty".equals(p.messageKey())
							? FieldProblem.of("file", "indicator.import.error.noFile") : p)
					.toList());
			}
		}
		if (file.getSize() > IndicatorFile.MAX_BYTES) {
			throw new InvalidInputException(
					FieldProblem.of("file", "indicator.import.error.tooBig", IndicatorFile.MAX_BYTES / 1024 / 1024));
		}
		try (InputStream in = file.getInputStream()) {
			return systems.importSystem(user, name, file.getOriginalFilename(), in);
		}
	}

}
