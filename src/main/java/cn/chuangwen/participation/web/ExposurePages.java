package cn.chuangwen.participation.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.participation.ExposureColumn;
import cn.chuangwen.participation.ExposureDraft;
import cn.chuangwen.participation.ExposureItem;
import cn.chuangwen.problems.ProblemDetail;
import cn.chuangwen.problems.ProblemFilter;
import cn.chuangwen.problems.ProblemState;
import cn.chuangwen.problems.ProblemView;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;

/**
 * The office's side of the exposure column (曝光台): the items of its city with a way to unpublish
 * each (with a reason), closed problems to choose from, and the publish form of one problem: public
 * title and text, the photos to show, and the regions to hide on each, drawn on the photo
 * (js/exposure-blur.js) or typed as fractions when there is no JavaScript.
 */
@Controller
@PreAuthorize("hasAuthority('exposure:publish')")
class ExposurePages {

	static final int PAGE_SIZE = 20;

	/** Closed problems offered to publish on the list page; others are reached from their own page. */
	static final int CANDIDATES = 20;

	private final ExposureColumn column;

	private final Problems problems;

	private final MessageSource messages;

	ExposurePages(ExposureColumn column, Problems problems, MessageSource messages) {
		this.column = column;
		this.problems = problems;
		this.messages = messages;
	}

	/** The form as typed, kept on an error. */
	record Form(String title, String body, Set<Long> before, Set<Long> after, Map<Long, String> regions) {

		public String regionsOf(Long photoId) {
			return regions.getOrDefault(photoId, "");
		}

	}

	@GetMapping("/participation/exposure")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
		return list(user, page, model, FormErrors.none());
	}

	private String list(CurrentUser user, Integer page, Model model, FormErrors errors) {
		var result = column.items(user, PageRequest.lenient(page, PAGE_SIZE));
		model.addAttribute("result", result);
		List<ProblemView> candidates = problems
			.page(user, user.cityId(), new ProblemFilter(null, ProblemState.CLOSED, null, null, null, null, null, null),
					PageRequest.first(CANDIDATES))
			.items();
		model.addAttribute("candidates", candidates);
		model.addAttribute("errors", errors);
		return "participation/exposure-list";
	}

	@GetMapping("/participation/exposure/problems/{problemId}")
	String form(@AuthenticationPrincipal CurrentUser user, @PathVariable long problemId, Model model) {
		ProblemDetail d = column.problem(user, problemId);
		ExposureItem item = column.itemOfProblem(user, problemId).orElse(null);
		Form form;
		if (item == null) {
			// defaults from the problem: its title, its description, its first before and after photos
			Set<Long> before = new LinkedHashSet<>();
			d.beforePhotos().stream().findFirst().ifPresent(p -> before.add(p.id()));
			Set<Long> after = new LinkedHashSet<>();
			afterPhotos(d).stream().findFirst().ifPresent(p -> after.add(p.id()));
			form = new Form(d.problem().title(), d.description(), before, after, Map.of());
		}
		else {
			Map<Long, String> regions = new HashMap<>();
			item.photos().forEach(p -> regions.put(p.problemPhotoId(), p.regions() == null ? "" : p.regions()));
			form = new Form(item.title(), item.body(), ids(item.before()), ids(item.after()), regions);
		}
		return form(model, d, item, form, FormErrors.none());
	}

	@PostMapping("/participation/exposure/problems/{problemId}")
	String publish(@AuthenticationPrincipal CurrentUser user, @PathVariable long problemId,
			@RequestParam(required = false) String title, @RequestParam(required = false) String body,
			@RequestParam(required = false) List<Long> beforePhotos, @RequestParam(required = false) List<Long> afterPhotos,
			@RequestParam MultiValueMap<String, String> all, Model model, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) {
		Map<Long, String> regions = new HashMap<>();
		for (var e : all.entrySet()) {
			if (e.getKey().startsWith("regions-") && !e.getValue().isEmpty()) {
				try {
					regions.put(Long.parseLong(e.getKey().substring("regions-".length())), String.join(";", e.getValue()));
				}
				catch (NumberFormatException ex) {
					// a field the form never writes: not a photo of the problem, nothing to hide on it
				}
			}
		}
		ExposureDraft draft = new ExposureDraft(title, body, beforePhotos, afterPhotos, regions);
		long id;
		try {
			id = column.publish(user, problemId, draft);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			ProblemDetail d = column.problem(user, problemId);
			Form form = new Form(title, body, new LinkedHashSet<>(draft.beforePhotos()),
					new LinkedHashSet<>(draft.afterPhotos()), regions);
			return form(model, d, column.itemOfProblem(user, problemId).orElse(null), form,
					FormErrors.of(ex.problems(), messages, locale));
		}
		redirect.addFlashAttribute("notice", "exposure.page.published");
		redirect.addFlashAttribute("publishedId", id);
		return "redirect:/participation/exposure";
	}

	@PostMapping("/participation/exposure/{id}/unpublish")
	String unpublish(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String reason, Model model, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			column.unpublish(user, id, reason);
		}
		catch (InvalidInputException ex) {
			// the list again, the error beside the item's reason field and its form open
			List<FieldProblem> prefixed = new ArrayList<>();
			ex.problems().forEach(p -> prefixed.add(new FieldProblem("unpublish-" + id + "-" + p.field(), p.row(),
					p.messageKey(), p.args())));
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("openItem", id);
			return list(user, null, model, FormErrors.of(prefixed, messages, locale));
		}
		redirect.addFlashAttribute("notice", "exposure.page.unpublished");
		return "redirect:/participation/exposure";
	}

	private String form(Model model, ProblemDetail d, ExposureItem item, Form form, FormErrors errors) {
		model.addAttribute("d", d);
		model.addAttribute("p", d.problem());
		model.addAttribute("item", item);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("beforeChoices", d.beforePhotos());
		model.addAttribute("afterChoices", afterPhotos(d));
		model.addAttribute("maxTitle", ExposureColumn.MAX_TITLE);
		model.addAttribute("maxBody", ExposureColumn.MAX_BODY);
		model.addAttribute("maxPhotos", ExposureColumn.MAX_PHOTOS);
		return "participation/exposure-form";
	}

	private static List<ProblemDetail.Photo> afterPhotos(ProblemDetail d) {
		return d.rectifications().stream().flatMap(r -> r.photos().stream()).toList();
	}

	private static Set<Long> ids(List<ExposureItem.Photo> photos) {
		Set<Long> ids = new LinkedHashSet<>();
		photos.forEach(p -> ids.add(p.problemPhotoId()));
		return ids;
	}

}
