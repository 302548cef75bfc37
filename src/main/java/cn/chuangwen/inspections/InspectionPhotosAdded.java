package cn.chuangwen.inspections;

import java.util.List;

/**
 * Photos were added to a finding whose inspection's findings were already released: the problem made
 * from the finding gets them too. {@code photoFileIds} are the watermarked display copies.
 */
public record InspectionPhotosAdded(long cityId, long inspectionId, long itemId, String addedBy,
		List<Long> photoFileIds) {

	public InspectionPhotosAdded {
		photoFileIds = List.copyOf(photoFileIds);
	}

}
