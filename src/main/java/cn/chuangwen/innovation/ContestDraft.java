package cn.chuangwen.innovation;

import java.util.List;

/** A new contest as the office sends it: judges by user name, criteria in order. */
public record ContestDraft(String title, String description, String deadline, List<CriterionDraft> criteria,
		List<String> judges) {

	public record CriterionDraft(String name, Integer weight) {
	}

}
