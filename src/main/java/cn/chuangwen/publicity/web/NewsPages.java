package cn.chuangwen.publicity.web;

import java.io.IOException;
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
import cn.chuangwen.publicity.CreationNews;
import cn.chuangwen.publicity.NewsDraft;
import cn.chuangwen.publicity.NewsItem;
import cn.chuangwen.publicity.NewsState;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;

/**
 * Creation news pages (创建动态): the list (waiting items first; a state filter), a unit's
 * submission form (title, text, photos from a phone), one item with the office's review: publish,
 * or return with a reason.
 */
@Controller
@PreAuthorize("hasAnyAuthority('publicity:read', 'publicity:manage')")
class NewsPages {

	static final int PAGE_SIZE = 20;

	private final CreationNews news;

	private final EvidenceStore files;

	private final MessageSource messages;

	NewsPages(CreationNews news, EvidenceStore files, MessageSource messages) {
		this.news = news;
		this.files = files;
		this.messages = messages;
	}

	/** A state filter: blank is every state. */
	static NewsState state(String text, List<FieldProblem> bad) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return NewsState.valueOf(text.strip());
		}
		catch (IllegalArgumentException ex) {
			bad.add(FieldProblem.of("state", "news.error.state.invalid"));
			return null;
		}
	}

	@GetMapping("/publicity/news")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String state,
			@RequestParam(required = false) Integer page, Model model) {
		NewsState s = state(state, new java.util.ArrayList<>());
		model.addAttribute("result", news.page(user, s, PageRequest.lenient(page, PAGE_SIZE)));
		model.addAttribute("state", s);
		model.addAttribute("states", NewsState.values());
		model.addAttribute("submitter", user.can(Permissions.PUBLICITY_REPORT) && user.unitId() != null);
		model.addAttribute("publicUrl", user.cityCode() == null ? null : "/public/news/" + user.cityCode());
		return "publicity/news-list";
	}

	@GetMapping("/publicity/news/new")
	@PreAuthorize("hasAuthority('publicity:report')")
	String create(Model model) {
		return form(new NewsDraft("", "", ""), FormErrors.none(), model);
	}

	private String form(NewsDraft form, FormErrors errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "publicity/news-form";
	}

	@PostMapping("/publicity/news")
	@PreAuthorize("hasAuthority('publicity:report')")
	String submit(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String title,
			@RequestParam(required = false) String body, @RequestParam(required = false) String projectId,
			@RequestParam(required = false) List<MultipartFile> files, HttpServletResponse response, Model model,
			Locale locale, RedirectAttributes redirect) throws IOException {
		NewsDraft draft = new NewsDraft(title, body, projectId);
		try {
			NewsItem n = news.submit(user, draft, Uploads.of(files));
			redirect.addFlashAttribute("notice", "news.done.submitted");
			return "redirect:/publicity/news/" + n.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return form(draft, FormErrors.of(ex.problems(), messages, locale), model);
		}
	}

	@GetMapping("/publicity/news/{id}")
	String item(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		return item(user, id, FormErrors.none(), Map.of(), model);
	}

	private String item(CurrentUser user, long id, FormErrors errors, Map<String, String> typed, Model model) {
		NewsItem n = news.get(user, id);
		model.addAttribute("n", n);
		model.addAttribute("reviewer", news.reviews(user, n));
		model.addAttribute("history", news.history(user, id));
		model.addAttribute("errors", errors);
		model.addAttribute("typed", typed);
		model.addAttribute("publicUrl", "/public/news/" + n.cityCode() + "/" + n.id());
		return "publicity/news-item";
	}

	@PostMapping("/publicity/news/{id}/publish")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String publish(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		news.publish(user, id);
		redirect.addFlashAttribute("notice", "news.done.published");
		return "redirect:/publicity/news/" + id;
	}

	@PostMapping("/publicity/news/{id}/return")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String returnItem(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String reason, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		try {
			news.returnItem(user, id, reason);
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return item(user, id, FormErrors.of(ex.problems(), messages, locale),
					Map.of("reason", reason == null ? "" : reason), model);
		}
		redirect.addFlashAttribute("notice", "news.done.returned");
		return "redirect:/publicity/news/" + id;
	}

	@GetMapping("/publicity/news/{id}/photos/{fileId}")
	ResponseEntity<Resource> photo(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long fileId) {
		return Downloads.file(news.photo(user, id, fileId), files, true);
	}

}
