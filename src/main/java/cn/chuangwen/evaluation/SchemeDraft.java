package cn.chuangwen.evaluation;

import java.math.BigDecimal;
import java.util.List;

/**
 * A scheme as the office writes it (the API's body, the editor's form): sources by name, so that
 * an unknown one is refused with a message rather than at parsing. {@code version}: the one read,
 * for a change (409 when someone saved first); null for a new scheme or a preview.
 */
public record SchemeDraft(String name, String periodKind, String rankingGroup, List<Source> sources,
		List<SchemeView.Band> bands, Integer minSample, Integer version) {

	public record Source(String source, BigDecimal weight, BigDecimal cap) {
	}

}
