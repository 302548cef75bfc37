package cn.chuangwen.projects;

import java.math.BigDecimal;
import java.util.List;

/**
 * The agenda the system drafts before a meeting (issue 12 §3): it opens with the last meeting's
 * decisions and their state, then what needs the meeting's attention: the units with the most
 * overdue assignments and overdue problems, the bottom units of the last closed evaluation period,
 * problems with a leader's instruction, and key projects with overdue linked work. The office
 * edits the text before the meeting.
 */
public record Agenda(MeetingView previous, List<Count> overdueAssignments, List<Count> overdueProblems,
		String evaluationPeriod, List<Bottom> bottomUnits, List<Instruction> instructions, List<Count> projectsBehind) {

	/** A unit (or a project) and how many of its items are overdue. */
	public record Count(String name, long count) {
	}

	/** A unit at the bottom of its ranking group. */
	public record Bottom(String group, String unitName, Integer rank, BigDecimal total) {
	}

	/** A leader's instruction on an open problem. */
	public record Instruction(String code, String title, String leaderName, String text) {
	}

}
