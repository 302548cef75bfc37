package cn.chuangwen.participation;

import java.util.List;
import java.util.Map;

/**
 * What the office publishes of a problem on the exposure column: the public title and text, the
 * problem's photos chosen as "before" and "after" (their ids on the problem), and for each chosen
 * photo the regions to hide as text: one region per "x,y,w,h" in fractions of the photo's width and
 * height from its top left corner, regions separated by ";" or new lines.
 */
public record ExposureDraft(String title, String body, List<Long> beforePhotos, List<Long> afterPhotos,
		Map<Long, String> regions) {

	public ExposureDraft {
		beforePhotos = beforePhotos == null ? List.of() : beforePhotos.stream().filter(id -> id != null).distinct().toList();
		afterPhotos = afterPhotos == null ? List.of() : afterPhotos.stream().filter(id -> id != null).distinct().toList();
		regions = regions == null ? Map.of() : Map.copyOf(regions);
	}

}
