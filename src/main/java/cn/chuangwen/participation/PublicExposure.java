package cn.chuangwen.participation;

import java.time.Instant;
import java.util.List;

import cn.chuangwen.problems.ProblemState;

/**
 * A published item as anyone sees it: the office's public words, the unit's name and the problem's
 * rectification state read from the problem now (never a copy left stale), and the ids of the public
 * photo copies (EXIF stripped, marked regions pixelated). No person is named.
 */
public record PublicExposure(long id, String cityCode, String title, String body, String unitName, ProblemState state,
		Instant closedAt, Instant publishedAt, Instant updatedAt, List<Long> beforePhotos, List<Long> afterPhotos) {

	public boolean rectified() {
		return state == ProblemState.CLOSED;
	}

}
