package cn.chuangwen.innovation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A case as one reader sees it. {@code score} and {@code rank} are null until the contest is
 * published; {@code mySheet} is the reader's own sheet (a judge sees only that one); {@code sheets}
 * (every judge's scores) is filled only for the city office after publication: nobody else ever
 * sees another judge's scores.
 */
public record CaseView(long id, long contestId, long cityId, long unitId, String unitName, String title,
		String summary, Instant submittedAt, List<FileRef> files, Judging judging, Bonus bonus) {

	/** How the case stands with the judges, as far as this reader may know. */
	public record Judging(int sheetCount, BigDecimal score, Integer rank, Sheet mySheet, List<Sheet> sheets) {
	}

	public int sheetCount() {
		return judging.sheetCount();
	}

	public BigDecimal score() {
		return judging.score();
	}

	public Integer rank() {
		return judging.rank();
	}

	public Sheet mySheet() {
		return judging.mySheet();
	}

	public List<Sheet> sheets() {
		return judging.sheets();
	}

	public record FileRef(long id, String name, boolean image) {
	}

	/** A submitted sheet: the score per criterion id and the weighted total. */
	public record Sheet(String judgeUsername, String judgeName, Map<Long, Integer> scores, BigDecimal total,
			Instant submittedAt) {
	}

	/** The evaluation bonus item the case fed. */
	public record Bonus(long itemId, String period, BigDecimal points) {
	}

}
