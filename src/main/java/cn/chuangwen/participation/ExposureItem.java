package cn.chuangwen.participation;

import java.time.Instant;
import java.util.List;

/**
 * An item of the exposure column as the office sees it: the problem it shows, the public words,
 * whether it is published (and why not, once unpublished), the chosen photos with their regions.
 */
public record ExposureItem(long id, long problemId, String problemCode, String title, String body, boolean published,
		Instant publishedAt, Instant updatedAt, Instant unpublishedAt, String unpublishReason, int version,
		List<Photo> photos) {

	/** A chosen photo: the problem's photo, its public copy, the regions hidden on it (as the form writes them). */
	public record Photo(long id, String stage, long problemPhotoId, long publicFileId, String regions) {
	}

	public List<Photo> before() {
		return photos.stream().filter(p -> ExposureColumn.BEFORE.equals(p.stage())).toList();
	}

	public List<Photo> after() {
		return photos.stream().filter(p -> ExposureColumn.AFTER.equals(p.stage())).toList();
	}

}
