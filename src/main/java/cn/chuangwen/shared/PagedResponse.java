package cn.chuangwen.shared;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The one way an API list answers: a JSON array body with {@code X-Total-Count} and a {@code Link}
 * header ({@code rel="next"}, {@code rel="prev"}) built from the request's own URL, so filters stay.
 */
public final class PagedResponse {

	public static final String TOTAL_COUNT = "X-Total-Count";

	private PagedResponse() {
	}

	public static <T> ResponseEntity<List<T>> of(Page<T> page) {
		List<String> links = new ArrayList<>();
		if (page.hasNext()) {
			links.add(link(page, page.number() + 1, "next"));
		}
		if (page.hasPrevious()) {
			links.add(link(page, Math.min(page.number() - 1, page.pages()), "prev"));
		}
		var answer = ResponseEntity.ok().header(TOTAL_COUNT, Long.toString(page.total()));
		if (!links.isEmpty()) {
			answer = answer.header("Link", String.join(", ", links));
		}
		return answer.body(page.items());
	}

	private static String link(Page<?> page, int number, String rel) {
		String url = ServletUriComponentsBuilder.fromCurrentRequest()
			.replaceQueryParam("page", number)
			.replaceQueryParam("size", page.size())
			.build()
			.toUriString();
		return "<" + url + ">; rel=\"" + rel + "\"";
	}

}
