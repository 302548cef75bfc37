package cn.chuangwen.inspections;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.inspections.internal.ChecklistStore;
import cn.chuangwen.inspections.internal.FieldWorkStore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.NotFoundException;

/**
 * The inspector's work in the field (issue 9 §3): today's points and the form of one point. Only the
 * plans the caller is an inspector of are read: any other plan, announced or not, is not found, so an
 * unannounced round stays unknown to everyone not on it.
 */
@Service
public class FieldWork {

	/** The most points the today list shows; a day's rounds for one inspector are far fewer. */
	public static final int MAX_TODAY = 1_000;

	private final FieldWorkStore store;

	private final ChecklistStore checklists;

	private final Clock clock;

	private final ZoneId zone;

	public FieldWork(FieldWorkStore store, ChecklistStore checklists, Clock clock,
			@Value("${spring.modulith.moments.zone-id:Asia/Shanghai}") ZoneId zone) {
		this.store = store;
		this.checklists = checklists;
		this.clock = clock;
		this.zone = zone;
	}

	/** Today's points, with the day (Asia/Shanghai) they are for and whether the list was cut at {@link #MAX_TODAY}. */
	public record Today(LocalDate day, List<FieldAssignment> points, boolean truncated) {

		public long inspected() {
			return points.stream().filter(FieldAssignment::inspected).count();
		}

	}

	/**
	 * The points of the caller's open plans whose dates include today, by plan and the plan's order
	 * (the phone sorts them by distance when it knows where it is).
	 */
	@Transactional(readOnly = true)
	public Today today(CurrentUser user) {
		long city = inspector(user);
		LocalDate day = LocalDate.now(clock.withZone(zone));
		// one row more than shown tells whether there are more
		List<FieldAssignment> points = store.today(user.id(), city, day, MAX_TODAY + 1);
		boolean truncated = points.size() > MAX_TODAY;
		return new Today(day, points.stream().limit(MAX_TODAY).toList(), truncated);
	}

	/**
	 * The form of a point of one of the caller's open plans: the point and the checklist items in use
	 * for its type. A plan the caller is not on, a closed plan, a point not in the plan or another
	 * city's: not found (404), never "forbidden", which would tell that the plan exists.
	 */
	@Transactional(readOnly = true)
	public FieldForm form(CurrentUser user, long planId, long pointId) {
		long city = inspector(user);
		FieldAssignment point = store.find(user.id(), city, planId, pointId)
			.orElseThrow(() -> new NotFoundException("inspectionPlanPoint", planId + "/" + pointId));
		return new FieldForm(point, checklists.inUse(city, point.pointType()));
	}

	/** The caller's city, when the caller inspects. */
	private static long inspector(CurrentUser user) {
		if (!user.can(Permissions.INSPECTION_SUBMIT) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.INSPECTION_SUBMIT);
		}
		return user.cityId();
	}

}
