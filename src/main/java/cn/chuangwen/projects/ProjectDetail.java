package cn.chuangwen.projects;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import cn.chuangwen.audit.AuditEventView;
import cn.chuangwen.organization.CommandBody;
import cn.chuangwen.problems.ProblemView;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.AssignmentView;

/**
 * One key project with its linked work as it stands now (read live from the tasks and problems
 * modules), its task force (专班, null when none is named or the reader may not see the command
 * structure), its spending and its history.
 */
public record ProjectDetail(ProjectView project, List<AssignmentView> assignments, List<ProblemView> problems,
		CommandBody taskForce, List<Spending> spending, List<AuditEventView> history) {

	/** A spending entry with its evidence file. */
	public record Spending(long id, BigDecimal amount, String note, LocalDate spentOn, long fileId, String fileName,
			String createdBy, Instant createdAt) {
	}

	public long assignmentsDone() {
		return assignments.stream().filter(a -> a.state() == AssignmentState.SIGNED_OFF).count();
	}

	public long problemsClosed() {
		return problems.stream().filter(p -> p.status().state() == cn.chuangwen.problems.ProblemState.CLOSED).count();
	}

	/** Progress from the linked work: the share of linked assignments signed off and problems closed. */
	public int progressPercent() {
		int total = assignments.size() + problems.size();
		return total == 0 ? 0 : (int) ((assignmentsDone() + problemsClosed()) * 100 / total);
	}

	public long overdueAssignments() {
		return assignments.stream().filter(a -> a.state() == AssignmentState.OVERDUE).count();
	}

	public long overdueProblems() {
		return problems.stream().filter(p -> p.status().overdue()).count();
	}

	public long overdue() {
		return overdueAssignments() + overdueProblems();
	}

}
