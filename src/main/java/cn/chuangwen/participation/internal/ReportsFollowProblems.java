package cn.chuangwen.participation.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.participation.ReportState;
import cn.chuangwen.problems.ProblemClosed;
import cn.chuangwen.problems.ProblemSigned;

/**
 * A citizen's report follows the problem it became or joined (issue 11 §1): in rectification once
 * the unit signs for the problem, solved once the problem is verified and closed; each step a public
 * update the citizen reads and an entry in the trace. Each listener runs after the problems' own
 * transaction committed, in its own; the event registry may deliver an event again, and a report
 * already past the step is left alone, so a repeat changes nothing.
 */
@Component
class ReportsFollowProblems {

	private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	private final TriageStore triage;

	private final CitizenReportStore reports;

	private final AuditTrail audit;

	private final MessageSource messages;

	ReportsFollowProblems(TriageStore triage, CitizenReportStore reports, AuditTrail audit, MessageSource messages) {
		this.triage = triage;
		this.reports = reports;
		this.audit = audit;
		this.messages = messages;
	}

	@ApplicationModuleListener
	void on(ProblemSigned e) {
		follow(e.problemId(), EnumSet.of(ReportState.ACCEPTED), ReportState.RECTIFYING, e.at(), null,
				"citizenReport.update.rectifying");
	}

	@ApplicationModuleListener
	void on(ProblemClosed e) {
		follow(e.problemId(), EnumSet.of(ReportState.ACCEPTED, ReportState.RECTIFYING), ReportState.SOLVED, e.at(),
				e.at(), "citizenReport.update.solved");
	}

	private void follow(long problemId, Set<ReportState> from, ReportState to, Instant at, Instant closedAt,
			String textKey) {
		String text = messages.getMessage(textKey, null, CHINESE);
		for (CitizenReportStore.Row r : triage.following(problemId, from)) {
			if (triage.move(r.id(), r.state(), to, closedAt)) {
				reports.insertUpdate(r.id(), r.cityId(), to, text, at);
				audit.record(AuditEntry.of("CITIZEN_REPORT_FOLLOW")
					.city(r.cityId())
					.object("citizenReport", r.id())
					.change("state", r.state(), to));
			}
		}
	}

}
