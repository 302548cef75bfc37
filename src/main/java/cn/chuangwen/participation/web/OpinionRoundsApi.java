package cn.chuangwen.participation.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.participation.OpinionRounds;
import cn.chuangwen.participation.RoundAnswer;
import cn.chuangwen.participation.RoundView;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Opinion collection rounds as JSON (issue 11 §2): the office opens, closes and reads the answers
 * (name and phone only with {@code participation:personal}); supervisors read the rounds and answer.
 */
@RestController
@RequestMapping("/api/v1/opinion-rounds")
@PreAuthorize("hasAnyAuthority('opinion:file', 'opinion:manage')")
class OpinionRoundsApi {

	private final OpinionRounds rounds;

	private final Clock clock;

	OpinionRoundsApi(OpinionRounds rounds, Clock clock) {
		this.rounds = rounds;
		this.clock = clock;
	}

	record RoundJson(long id, String topic, String description, Instant deadline, String state, boolean accepting,
			Instant createdAt, Instant closedAt, long answers, String publicUrl) {

		static RoundJson of(RoundView r, Instant now) {
			return new RoundJson(r.id(), r.topic(), r.description(), r.deadline(), r.state().name(), r.accepting(now),
					r.createdAt(), r.closedAt(), r.answers(), "/public/opinions/" + r.cityCode() + "/" + r.id());
		}

	}

	record OpenRequest(String topic, String description, String deadline) {
	}

	record AnswerRequest(String text) {
	}

	@GetMapping
	ResponseEntity<List<RoundJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		Instant now = clock.instant();
		return PagedResponse.of(rounds.page(user, request).map(r -> RoundJson.of(r, now)));
	}

	@PostMapping
	@PreAuthorize("hasAuthority('opinion:manage')")
	ResponseEntity<RoundJson> open(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) OpenRequest body) {
		OpenRequest b = body == null ? new OpenRequest(null, null, null) : body;
		List<FieldProblem> bad = new ArrayList<>();
		Instant deadline = OpinionParams.moment("deadline", b.deadline(), bad);
		QueryParams.check(bad);
		RoundView r = rounds.open(user, b.topic(), b.description(), deadline);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/opinion-rounds/" + r.id()))
			.body(RoundJson.of(r, r.createdAt()));
	}

	@GetMapping("/{id}")
	RoundJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return RoundJson.of(rounds.get(user, id), clock.instant());
	}

	@PostMapping("/{id}/close")
	@PreAuthorize("hasAuthority('opinion:manage')")
	RoundJson close(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		RoundView r = rounds.close(user, id);
		return RoundJson.of(r, r.closedAt());
	}

	@GetMapping("/{id}/answers")
	ResponseEntity<List<RoundAnswer>> answers(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		return PagedResponse.of(rounds.answers(user, id, request));
	}

	@PostMapping("/{id}/answers")
	@PreAuthorize("hasAuthority('opinion:file')")
	ResponseEntity<RoundAnswer> answer(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) AnswerRequest body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(rounds.answer(user, id, body == null ? null : body.text()));
	}

}
