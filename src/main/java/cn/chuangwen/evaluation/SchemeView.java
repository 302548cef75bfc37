package cn.chuangwen.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import cn.chuangwen.shared.PeriodCode;

/**
 * A score scheme (计分方案) of a city, period kind and ranking group: its sources with weights in
 * percent (summing to 100 over the weighted ones) and caps, bands, the minimum sample, and the
 * version (every save is a new one).
 */
public record SchemeView(long id, long cityId, String name, PeriodCode.Kind periodKind, String rankingGroup,
		List<Part> sources, List<Band> bands, int minSample, int version, Instant updatedAt, String updatedBy) {

	/**
	 * A source of the scheme: its weight in percent and its cap, the most points it may add to the
	 * total (null: no cap). For {@link ScoreSource#MANUAL} the weight is 0 and the cap bounds the
	 * bonus or penalty either way.
	 */
	public record Part(ScoreSource source, BigDecimal weight, BigDecimal cap) {
	}

	/** A band: a ranked unit with a total of at least {@code min} gets it (the highest such), shown in {@code colour}. */
	public record Band(String name, BigDecimal min, String colour) {
	}

	/** The colours a band may take (docs/ui.md state colours). */
	public static final List<String> COLOURS = List.of("green", "blue", "amber", "red", "grey");

	/** The weight of a source, or null when the scheme does not use it. */
	public Part part(ScoreSource source) {
		return sources.stream().filter(p -> p.source() == source).findFirst().orElse(null);
	}

}
