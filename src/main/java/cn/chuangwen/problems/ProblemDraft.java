package cn.chuangwen.problems;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A problem as entered: by the office on its form or the API, or by another module (an inspection
 * finding, an accepted citizen report) naming itself in {@code origin}. {@code deadline} null means
 * the city's rule for the severity; {@code verifier} is the username of the inspector asked to
 * verify the rectification (null: the office verifies).
 */
public record ProblemDraft(ProblemSource source, String category, String title, String description,
		ProblemSeverity severity, Long unitId, List<Long> cooperatingUnitIds, Place place, Instant deadline,
		String verifier, Origin origin) {

	/** Where: an address and/or WGS-84 coordinates, each optional. */
	public record Place(String address, BigDecimal lat, BigDecimal lng) {
	}

	/** What created it in another module: a type (e.g. inspection_finding) and its id there. */
	public record Origin(String type, Long id) {
	}

	public ProblemDraft {
		cooperatingUnitIds = cooperatingUnitIds == null ? List.of() : cooperatingUnitIds;
		place = place == null ? new Place(null, null, null) : place;
		origin = origin == null ? new Origin(null, null) : origin;
	}

	public String address() {
		return place.address();
	}

	public BigDecimal lat() {
		return place.lat();
	}

	public BigDecimal lng() {
		return place.lng();
	}

	public String originType() {
		return origin.type();
	}

	public Long originId() {
		return origin.id();
	}

}
