package cn.chuangwen.inspections.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.inspections.InspectionRules;
import cn.chuangwen.inspections.InspectionSettings;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/** A city's inspection rules as JSON, for its office: {@code GET/PUT /api/v1/inspection-rules}. */
@RestController
class InspectionSettingsApi {

	private final InspectionSettings settings;

	InspectionSettingsApi(InspectionSettings settings) {
		this.settings = settings;
	}

	/** Every field is required; {@code version} is the one read, so a concurrent change answers 409. */
	record RulesRequest(String periodKind, BigDecimal announcedWeight, BigDecimal unannouncedWeight, Integer minPoints,
			BigDecimal greenShare, BigDecimal redShare, Integer maxDistanceMetres, Boolean dispatchAnnouncedAtOnce,
			Integer version) {

		InspectionRules rules() {
			List<FieldProblem> bad = new ArrayList<>();
			InspectionRules rules = new InspectionRules(RuleFields.periodKind(bad, periodKind),
					required(bad, "announcedWeight", announcedWeight), required(bad, "unannouncedWeight", unannouncedWeight),
					required(bad, "minPoints", minPoints), required(bad, "greenShare", greenShare),
					required(bad, "redShare", redShare), required(bad, "maxDistanceMetres", maxDistanceMetres),
					required(bad, "dispatchAnnouncedAtOnce", dispatchAnnouncedAtOnce), required(bad, "version", version));
			return RuleFields.checked(bad, rules);
		}

		private static <T> T required(List<FieldProblem> bad, String field, T value) {
			if (value == null) {
				bad.add(FieldProblem.of(field, "inspectionRules.error.required"));
			}
			return value;
		}

		private static int required(List<FieldProblem> bad, String field, Integer value) {
			if (value == null) {
				bad.add(FieldProblem.of(field, "inspectionRules.error.required"));
				return 0;
			}
			return value;
		}

		private static boolean required(List<FieldProblem> bad, String field, Boolean value) {
			if (value == null) {
				bad.add(FieldProblem.of(field, "inspectionRules.error.required"));
				return false;
			}
			return value;
		}

	}

	@GetMapping("/api/v1/inspection-rules")
	@PreAuthorize("hasAuthority('inspection:publish')")
	InspectionRules rules(@AuthenticationPrincipal CurrentUser user) {
		return settings.rules(user);
	}

	@PutMapping("/api/v1/inspection-rules")
	@PreAuthorize("hasAuthority('inspection:publish')")
	InspectionRules change(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) RulesRequest body) {
		if (body == null) {
			throw new InvalidInputException(FieldProblem.of("body", "inspectionRules.error.required"));
		}
		return settings.change(user, body.rules());
	}

}
