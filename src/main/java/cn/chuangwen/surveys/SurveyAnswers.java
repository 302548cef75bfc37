package cn.chuangwen.surveys;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.surveys.internal.SurveyStore;

/**
 * The public side of a survey (issue 10 §2): the answer page of a window unit's link
 * ({@code /s/{token}}), without an account. A link of a closed round, or a token nobody issued, is
 * 404. One response per device, unit and round: the caller passes the device's hash (from the signed
 * cookie) and a device that answered for the unit in the round is refused without counting. No personal data is
 * kept: the response holds the unit, the answers, the time and the device hash. The trace records
 * each response like every other public action.
 */
@Service
public class SurveyAnswers {

	/** A token as {@link Surveys} issues them (43 URL-safe characters); anything else is not looked up. */
	static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,64}");

	public enum Outcome {

		/** The response was recorded. */
		ACCEPTED,
		/** The device had answered this round: nothing recorded. */
		ALREADY_ANSWERED

	}

	private final SurveyStore store;

	private final AuditTrail audit;

	private final Clock clock;

	public SurveyAnswers(SurveyStore store, AuditTrail audit, Clock clock) {
		this.store = store;
		this.audit = audit;
		this.clock = clock;
	}

	/** The page of an open survey's link; 404 for a closed round or an unknown token. */
	@Transactional(readOnly = true)
	public PublicSurvey form(String token) {
		SurveyStore.Target t = open(token);
		return new PublicSurvey(token, t.surveyId(), t.cityName(), t.unitName(), t.surveyName(),
				store.questions(t.surveyId()));
	}

	/** Whether the device (by its hash) has answered for the unit of this link in its round. */
	@Transactional(readOnly = true)
	public boolean answered(String token, String deviceHash) {
		SurveyStore.Target t = open(token);
		return deviceHash != null && store.answered(t.surveyId(), t.unitId(), deviceHash);
	}

	/**
	 * Records a response to the link's survey from the form's fields ({@code q<questionId>}: an
	 * option id, several for a multiple choice, a rating 1 to 5, or text). A missing required answer,
	 * an option of another question, a rating outside 1 to 5, a text over
	 * {@value SurveyRules#MAX_TEXT_ANSWER} characters or an empty response is 400 naming the field,
	 * nothing recorded.
	 */
	@Transactional
	public Outcome answer(String token, String deviceHash, Map<String, List<String>> fields) {
		SurveyStore.Target t = open(token);
		List<SurveyView.Question> questions = store.questions(t.surveyId());
		List<SurveyStore.NewAnswer> answers = new ArrayList<>();
		List<BigDecimal> scored = new ArrayList<>();
		List<FieldProblem> wrong = new ArrayList<>();
		for (SurveyView.Question q : questions) {
			read(q, fields.get(field(q)), answers, scored, wrong);
		}
		if (wrong.isEmpty() && answers.isEmpty()) {
			wrong.add(FieldProblem.of(questions.isEmpty() ? "answers" : field(questions.get(0)), "survey.answer.empty"));
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		// the survey row is locked until commit: a close and an answer do not cross, and two posts of one device queue
		if (store.lockState(t.surveyId()).orElse(SurveyView.State.CLOSED) != SurveyView.State.OPEN) {
			throw new NotFoundException("survey", token);
		}
		if (store.answered(t.surveyId(), t.unitId(), deviceHash)) {
			return Outcome.ALREADY_ANSWERED;
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		long id = store.insertResponse(t.surveyId(), t.cityId(), t.unitId(), deviceHash,
				SurveyRules.responseScore(scored), now);
		store.insertAnswers(id, t.surveyId(), t.unitId(), answers);
		audit.record(AuditEntry.of("SURVEY_ANSWER")
			.actor(null, null)
			.city(t.cityId())
			.object("survey", t.surveyId())
			.change("unit", null, t.unitName())
			.change("response", null, id));
		return Outcome.ACCEPTED;
	}

	/** The form field of a question: {@code q} and its id. */
	public static String field(SurveyView.Question q) {
		return "q" + q.id();
	}

	private static void read(SurveyView.Question q, List<String> given, List<SurveyStore.NewAnswer> answers,
			List<BigDecimal> scored, List<FieldProblem> wrong) {
		String field = field(q);
		List<String> values = given == null ? List.of()
				: given.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
		if (values.isEmpty()) {
			if (q.required()) {
				wrong.add(FieldProblem.of(field, "survey.answer.required"));
			}
			return;
		}
		switch (q.kind()) {
			case SINGLE -> {
				if (values.size() > 1) {
					wrong.add(FieldProblem.of(field, "survey.answer.oneOnly"));
					return;
				}
				SurveyView.Option o = option(q, values.get(0));
				if (o == null) {
					wrong.add(FieldProblem.of(field, "survey.answer.option"));
					return;
				}
				answers.add(new SurveyStore.NewAnswer(q.id(), o.id(), null, null));
				if (o.score() != null) {
					scored.add(o.score());
				}
			}
			case MULTIPLE -> {
				Set<Long> chosen = new LinkedHashSet<>();
				for (String v : values) {
					SurveyView.Option o = option(q, v);
					if (o == null) {
						wrong.add(FieldProblem.of(field, "survey.answer.option"));
						return;
					}
					chosen.add(o.id());
				}
				chosen.forEach(id -> answers.add(new SurveyStore.NewAnswer(q.id(), id, null, null)));
			}
			case RATING -> {
				int rating;
				try {
					rating = values.size() == 1 ? Integer.parseInt(values.get(0)) : 0;
				}
				catch (NumberFormatException ex) {
					rating = 0;
				}
				if (rating < 1 || rating > 5) {
					wrong.add(FieldProblem.of(field, "survey.answer.rating"));
					return;
				}
				answers.add(new SurveyStore.NewAnswer(q.id(), null, rating, null));
				scored.add(SurveyRules.ratingScore(rating));
			}
			case TEXT -> {
				String text = String.join("\n", values);
				if (text.length() > SurveyRules.MAX_TEXT_ANSWER) {
					wrong.add(FieldProblem.of(field, "survey.answer.long", SurveyRules.MAX_TEXT_ANSWER));
					return;
				}
				answers.add(new SurveyStore.NewAnswer(q.id(), null, null, text));
			}
		}
	}

	private static SurveyView.Option option(SurveyView.Question q, String value) {
		for (SurveyView.Option o : q.options()) {
			if (String.valueOf(o.id()).equals(value)) {
				return o;
			}
		}
		return null;
	}

	private SurveyStore.Target open(String token) {
		if (token == null || !TOKEN.matcher(token).matches()) {
			throw new NotFoundException("survey", "-");
		}
		SurveyStore.Target t = store.target(token).orElseThrow(() -> new NotFoundException("survey", "-"));
		if (t.state() != SurveyView.State.OPEN) {
			throw new NotFoundException("survey", "-");
		}
		return t;
	}

}
