package cn.chuangwen.publicity.web;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
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
import org.springframework.web.multipart.MultipartFile;

import cn.chuangwen.files.Uploads;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.publicity.CreationNews;
import cn.chuangwen.publicity.NewsDraft;
import cn.chuangwen.publicity.NewsItem;
import cn.chuangwen.publicity.NewsState;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Creation news as JSON: readers list the items in their scope ({@code state} filter); a unit's
 * liaison submits one (multipart {@code title}, {@code body}, optional {@code projectId}, photos in
 * {@code files}); the office publishes or returns it ({@code {"reason": ...}}).
 */
@RestController
@RequestMapping("/api/v1/news")
@PreAuthorize("hasAnyAuthority('publicity:read', 'publicity:manage')")
class NewsApi {

	private final CreationNews news;

	NewsApi(CreationNews news) {
		this.news = news;
	}

	record NewsJson(long id, long cityId, long unitId, String unitName, String title, String body, Long projectId,
			String state, String returnReason, String submittedBy, Instant submittedAt, String reviewedBy,
			Instant reviewedAt, int photos) {

		static NewsJson of(NewsItem n) {
			return new NewsJson(n.id(), n.cityId(), n.unitId(), n.unitName(), n.title(), n.body(), n.projectId(),
					n.state().name(), n.returnReason(), n.submittedBy(), n.submittedAt(), n.reviewedBy(), n.reviewedAt(),
					n.photos().size());
		}

	}

	record ReturnBody(String reason) {
	}

	@GetMapping
	ResponseEntity<List<NewsJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String state, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		NewsState s = NewsPages.state(state, bad);
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		return PagedResponse.of(news.page(user, s, request).map(NewsJson::of));
	}

	@GetMapping("/{id}")
	NewsJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return NewsJson.of(news.get(user, id));
	}

	@PostMapping
	@PreAuthorize("hasAuthority('publicity:report')")
	ResponseEntity<NewsJson> submit(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String title, @RequestParam(required = false) String body,
			@RequestParam(required = false) String projectId, @RequestParam(required = false) List<MultipartFile> files)
			throws IOException {
		NewsItem n = news.submit(user, new NewsDraft(title, body, projectId), Uploads.of(files));
		return ResponseEntity.created(URI.create("/api/v1/news/" + n.id())).body(NewsJson.of(n));
	}

	@PostMapping("/{id}/publish")
	@PreAuthorize("hasAuthority('publicity:manage')")
	NewsJson publish(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return NewsJson.of(news.publish(user, id));
	}

	@PostMapping("/{id}/return")
	@PreAuthorize("hasAuthority('publicity:manage')")
	NewsJson returnItem(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) ReturnBody body) {
		return NewsJson.of(news.returnItem(user, id, body == null ? null : body.reason()));
	}

}
