package cn.chuangwen.problems.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.problems.ProblemRules;
import cn.chuangwen.problems.ProblemSettings;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * A city's problem rules and categories as JSON, for its office: {@code GET/PUT /api/v1/problem-rules},
 * {@code GET/POST /api/v1/problem-categories}, {@code PUT /api/v1/problem-categories/{id}}.
 */
@RestController
class ProblemSettingsApi {

	private final ProblemSettings settings;

	ProblemSettingsApi(ProblemSettings settings) {
		this.settings = settings;
	}

	/** Every field is required; {@code version} is the one read, so a concurrent change answers 409. */
	record RulesRequest(String codePrefix, Integer generalHours, Integer seriousHours, Integer criticalHours,
			Integer recurrenceMetres, Integer recurrenceDays, Integer mismatchMetres, Integer escalateDays,
			Integer letterDays, Integer greenRate, Integer redRate, Integer version) {

		ProblemRules rules() {
			List<FieldProblem> missing = new ArrayList<>();
			return ProblemParams.checked(missing,
					new ProblemRules(codePrefix, required(missing, "generalHours", generalHours),
							required(missing, "seriousHours", seriousHours), required(missing, "criticalHours", criticalHours),
							required(missing, "recurrenceMetres", recurrenceMetres),
							required(missing, "recurrenceDays", recurrenceDays),
							required(missing, "mismatchMetres", mismatchMetres), required(missing, "escalateDays", escalateDays),
							required(missing, "letterDays", letterDays), required(missing, "greenRate", greenRate),
							required(missing, "redRate", redRate), required(missing, "version", version)));
		}

		private static int required(List<FieldProblem> missing, String field, Integer value) {
			if (value == null) {
				missing.add(FieldProblem.of(field, "problemSettings.error.required"));
				return 0;
			}
			return value;
		}

	}

	record CategoryRequest(String name, Boolean active) {
	}

	@GetMapping("/api/v1/problem-rules")
	@PreAuthorize("hasAuthority('problem:write')")
	ProblemRules rules(@AuthenticationPrincipal CurrentUser user) {
		return settings.rules(user);
	}

	@PutMapping("/api/v1/problem-rules")
	@PreAuthorize("hasAuthority('problem:write')")
	ProblemRules changeRules(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) RulesRequest body) {
		if (body == null) {
			throw new InvalidInputException(FieldProblem.of("body", "problemSettings.error.required"));
		}
		return settings.changeRules(user, body.rules());
	}

	@GetMapping("/api/v1/problem-categories")
	@PreAuthorize("hasAuthority('problem:write')")
	List<ProblemSettings.Category> categories(@AuthenticationPrincipal CurrentUser user) {
		return settings.categories(user);
	}

	@PostMapping("/api/v1/problem-categories")
	@PreAuthorize("hasAuthority('problem:write')")
	ResponseEntity<ProblemSettings.Category> addCategory(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) CategoryRequest body) {
		ProblemSettings.Category added = settings.addCategory(user, body == null ? null : body.name());
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/problem-categories/" + added.id()))
			.body(added);
	}

	/** Renames a category or turns it off or on; without {@code active} it stays as it is. */
	@PutMapping("/api/v1/problem-categories/{id}")
	@PreAuthorize("hasAuthority('problem:write')")
	ProblemSettings.Category changeCategory(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) CategoryRequest body) {
		CategoryRequest request = body == null ? new CategoryRequest(null, null) : body;
		return settings.changeCategory(user, id, request.name(), request.active());
	}

}
