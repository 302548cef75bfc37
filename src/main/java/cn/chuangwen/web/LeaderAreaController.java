package cn.chuangwen.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.chuangwen.evaluation.ScoreLine;
import cn.chuangwen.evaluation.Scores;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.LeaderAttachmentView;
import cn.chuangwen.organization.LeaderAttachments;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.Assignments;

/**
 * A city leader's area (分片挂点督导, T1): for each attached unit (挂点) and the units directly below
 * it, the unit's overdue assignments, its open and overdue problems, and its score and rank in the
 * city's last closed evaluation period, each linking to the list behind it. In this module because
 * it reads tasks, problems and evaluation, none of which may read the others for it.
 */
@Controller
@PreAuthorize("hasAuthority('assignment:read')")
class LeaderAreaController {

	/** One line of the area: a unit and its figures; {@code score} and {@code rank} null without a closed period. */
	public record Line(long unitId, String name, int depth, long overdueAssignments, long openProblems,
			long overdueProblems, java.math.BigDecimal score, Integer rank, String rankingGroup) {

		public boolean alarm() {
			return overdueAssignments > 0 || overdueProblems > 0;
		}

	}

	private final LeaderAttachments attachments;

	private final Units units;

	private final Assignments assignments;

	private final Problems problems;

	private final Scores scores;

	LeaderAreaController(LeaderAttachments attachments, Units units, Assignments assignments, Problems problems,
			Scores scores) {
		this.attachments = attachments;
		this.units = units;
		this.assignments = assignments;
		this.problems = problems;
		this.scores = scores;
	}

	@GetMapping("/leader/area")
	String area(@AuthenticationPrincipal CurrentUser user, Model model) {
		if (!user.has(Role.CITY_LEADER) || user.cityId() == null) {
			throw new AccessDeniedException(Role.CITY_LEADER.name());
		}
		Map<Long, UnitView> shown = new LinkedHashMap<>();
		Map<Long, Integer> depth = new HashMap<>();
		List<LeaderAttachmentView> attached = attachments.attachmentsOf(user, user.id());
		for (LeaderAttachmentView a : attached) {
			units.find(user.scope(), a.unitId()).ifPresent(u -> {
				shown.putIfAbsent(u.id(), u);
				depth.putIfAbsent(u.id(), 0);
				for (UnitView child : units.children(user.scope(), u.id())) {
					if (child.active()) {
						shown.putIfAbsent(child.id(), child);
						depth.putIfAbsent(child.id(), 1);
					}
				}
			});
		}
		Map<Long, long[]> open = user.can(Permissions.PROBLEM_READ) ? problems.openByUnit(user, shown.keySet()) : Map.of();
		Map<Long, ScoreLine> scored = new HashMap<>();
		var result = user.can(Permissions.EVALUATION_READ) ? scores.scores(user, user.cityCode(), null, null)
				: java.util.Optional.<Scores.Result>empty();
		result.ifPresent(r -> r.lines().forEach(l -> scored.putIfAbsent(l.unitId(), l)));
		List<Line> lines = new ArrayList<>();
		for (UnitView u : shown.values()) {
			long overdue = assignments.tallyOf(user, u.cityId(), u.id()).count(AssignmentState.OVERDUE);
			long[] p = open.getOrDefault(u.id(), new long[2]);
			ScoreLine s = scored.get(u.id());
			lines.add(new Line(u.id(), u.name(), depth.get(u.id()), overdue, p[0], p[1], s == null ? null : s.total(),
					s == null ? null : s.rank(), s == null ? null : s.rankingGroup()));
		}
		model.addAttribute("attached", attached);
		model.addAttribute("lines", lines);
		model.addAttribute("period", result.map(Scores.Result::period).orElse(null));
		return "leader/area";
	}

}
