package cn.chuangwen.notify.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.chuangwen.inspections.InspectionPlans;
import cn.chuangwen.inspections.PlanAssigned;
import cn.chuangwen.notify.NoticeKind;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UserView;

/**
 * Tells the inspectors of a new inspection plan (检查任务), and nobody else: an unannounced plan is
 * secret, so neither the office's other staff nor any unit gets a notice, and the notice names no
 * point. Runs after the plan's transaction committed; a repeat of the event stores nothing twice.
 */
@Component
class PlanNotices {

	private final ProblemTold told;

	private final Accounts accounts;

	private final MessageSource messages;

	PlanNotices(ProblemTold told, Accounts accounts, MessageSource messages) {
		this.told = told;
		this.accounts = accounts;
		this.messages = messages;
	}

	@ApplicationModuleListener
	void on(PlanAssigned e) {
		Set<Long> ids = Set.copyOf(e.inspectorIds());
		// still holding inspection:submit in the plan's city now: a role taken away meanwhile gets nothing
		List<UserView> inspectors = accounts.holding(SystemUsers.reader(e.cityId(), null, null), Permissions.INSPECTION_SUBMIT)
			.stream()
			.filter(u -> ids.contains(u.id()))
			.toList();
		told.tell(new NotificationStore.Notice(e.cityId(), NoticeKind.PLAN_ASSIGNED, null,
				LocalDate.ofInstant(e.at(), InspectionPlans.ZONE), e.period(),
				msg("notify.notice.planAssigned.title", e.name()),
				msg("notify.notice.planAssigned.body", e.name(), e.period(), e.startDate().toString(),
						e.endDate().toString(), e.pointCount()),
				"/inspections/plans/" + e.planId(), "inspection_plan:" + e.planId() + ":" + e.at().toEpochMilli()),
				"inspection_plan", e.planId(), inspectors);
	}

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, ReminderTexts.LOCALE);
	}

}
