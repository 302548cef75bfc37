package cn.chuangwen.publicity;

import java.time.Instant;
import java.util.List;

/** A published news item as anyone sees it: no person named, only the public photo copies (by their ids). */
public record PublicNews(long id, String cityCode, String title, String body, String unitName, Long projectId,
		Instant publishedAt, List<Long> photos) {
}
