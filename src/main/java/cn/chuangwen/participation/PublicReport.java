package cn.chuangwen.participation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A report as anyone holding its tracking code may see it: no name, no phone, no sender. Photos are
 * the ids of the public copies (EXIF stripped); updates are the public notes, oldest first.
 */
public record PublicReport(String code, String cityCode, ReportState state, String category, String description,
		Place place, int supporters, Integer rating, Instant createdAt, List<Long> photoIds, List<Update> updates) {

	/** Where: an address and/or WGS-84 coordinates. A place is not personal data; the sender is. */
	public record Place(String address, BigDecimal lat, BigDecimal lng) {
	}

	public record Update(Instant at, ReportState state, String text) {
	}

}
