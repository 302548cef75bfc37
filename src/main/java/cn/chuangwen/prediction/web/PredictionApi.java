package cn.chuangwen.prediction.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.prediction.PredictionFormula;
import cn.chuangwen.prediction.PredictionFormula.Part;
import cn.chuangwen.prediction.PredictionFormula.Result;
import cn.chuangwen.prediction.Predictions;
import cn.chuangwen.prediction.Predictions.Deduction;
import cn.chuangwen.prediction.Predictions.DeductionDraft;
import cn.chuangwen.prediction.Predictions.Inputs;
import cn.chuangwen.prediction.Predictions.InputsChange;
import cn.chuangwen.prediction.Predictions.Prediction;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * The predicted national score as JSON (issue 10 §5): {@code GET /api/v1/prediction?cityCode=} →
 * {@code {total, low, high, parts:{documents, field, survey}, gate:{minors}, topLosses:[{indicatorCode, lost}]}}
 * (more fields after those), its weekly trend, and the office's inputs and negative list.
 */
@RestController
class PredictionApi {

	private final Predictions predictions;

	PredictionApi(Predictions predictions) {
		this.predictions = predictions;
	}

	record PartsJson(BigDecimal documents, BigDecimal field, BigDecimal survey) {
	}

	record RangeJson(BigDecimal point, BigDecimal low, BigDecimal high, boolean unknown) {

		static RangeJson of(Part p) {
			return new RangeJson(Prediction.shown(p.point()), Prediction.shown(p.low()), Prediction.shown(p.high()),
					p.unknown());
		}

	}

	record RangesJson(RangeJson documents, RangeJson field, RangeJson survey) {
	}

	/** The minors' test: the score used, whether it passes the gate (null: not entered), whether it was entered. */
	record MinorsJson(BigDecimal score, Boolean passed, boolean entered, BigDecimal gate, BigDecimal share) {
	}

	record GateJson(MinorsJson minors) {
	}

	record LossJson(String indicatorCode, BigDecimal lost, String name, BigDecimal documents, BigDecimal field,
			boolean unknown) {
	}

	record GainJson(String indicatorCode, String kind, BigDecimal points, long work, BigDecimal perUnit, String name) {
	}

	record CycleJson(Integer startYear, Integer yearOfCycle, BigDecimal estimate, List<Integer> weights) {
	}

	record PredictionJson(BigDecimal total, BigDecimal low, BigDecimal high, PartsJson parts, GateJson gate,
			List<LossJson> topLosses, String cityCode, Instant asOf, boolean estimate, RangesJson ranges,
			BigDecimal deductions, CycleJson cycle, List<GainJson> gains, int unknownLeaves, Long systemId) {

		static PredictionJson of(Prediction p) {
			Result r = p.result();
			return new PredictionJson(Prediction.shown(r.total()), Prediction.shown(r.low()), Prediction.shown(r.high()),
					new PartsJson(Prediction.shown(r.documents().point()), Prediction.shown(r.field().point()),
							Prediction.shown(r.survey().point())),
					new GateJson(new MinorsJson(Prediction.shown(r.gate().score()), r.gate().passed(), r.gate().entered(),
							Prediction.shown(PredictionFormula.GATE), Prediction.shown(PredictionFormula.MINORS_SHARE * 100))),
					r.losses()
						.stream()
						.map(l -> new LossJson(l.code(), Prediction.shown(l.lost()), l.name(), Prediction.shown(l.documents()),
								Prediction.shown(l.field()), l.unknown()))
						.toList(),
					p.city().code(), p.asOf(), true,
					new RangesJson(RangeJson.of(r.documents()), RangeJson.of(r.field()), RangeJson.of(r.survey())),
					Prediction.shown(r.deductions()),
					new CycleJson(r.cycle().startYear(), r.cycle().yearOfCycle(),
							r.cycle().estimate() == null ? null : Prediction.shown(r.cycle().estimate()), List.of(15, 25, 60)),
					r.gains()
						.stream()
						.map(g -> new GainJson(g.code(), g.kind().name(), Prediction.shown(g.points()), g.work(),
								Prediction.shown(g.perUnit()), g.name()))
						.toList(),
					r.unknownLeaves(), p.system() == null ? null : p.system().id());
		}

	}

	record InputsJson(BigDecimal minorsScore, Integer cycleStartYear, BigDecimal year1Score, BigDecimal year2Score,
			int version, Instant updatedAt, String updatedBy, List<Deduction> deductions) {
	}

	record DeductionRequest(String item, BigDecimal points, String reason, Integer version) {
	}

	@GetMapping("/api/v1/prediction")
	@PreAuthorize("hasAuthority('prediction:read')")
	PredictionJson prediction(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String cityCode) {
		return PredictionJson.of(predictions.predict(user, cityCode));
	}

	@GetMapping("/api/v1/prediction/trend")
	@PreAuthorize("hasAuthority('prediction:read')")
	List<Predictions.Week> trend(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String cityCode) {
		return predictions.trend(user, cityCode);
	}

	@GetMapping("/api/v1/prediction/inputs")
	@PreAuthorize("hasAuthority('prediction:write')")
	InputsJson inputs(@AuthenticationPrincipal CurrentUser user) {
		return json(predictions.inputs(user), predictions.deductions(user));
	}

	/** Every field may be null (not entered) but {@code version}, the one read (0 before the first change). */
	@PutMapping("/api/v1/prediction/inputs")
	@PreAuthorize("hasAuthority('prediction:write')")
	InputsJson change(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) InputsChange body) {
		if (body == null) {
			throw new InvalidInputException(FieldProblem.of("body", "prediction.error.required"));
		}
		return json(predictions.change(user, body), predictions.deductions(user));
	}

	@PostMapping("/api/v1/prediction/deductions")
	@PreAuthorize("hasAuthority('prediction:write')")
	ResponseEntity<Deduction> add(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) DeductionRequest body) {
		Deduction d = predictions.addDeduction(user, draft(body));
		return ResponseEntity.created(URI.create("/api/v1/prediction/deductions/" + d.id())).body(d);
	}

	@PutMapping("/api/v1/prediction/deductions/{id}")
	@PreAuthorize("hasAuthority('prediction:write')")
	Deduction update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) DeductionRequest body) {
		return predictions.updateDeduction(user, id, body == null ? null : body.version(), draft(body));
	}

	@DeleteMapping("/api/v1/prediction/deductions/{id}")
	@PreAuthorize("hasAuthority('prediction:write')")
	ResponseEntity<Void> remove(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		predictions.removeDeduction(user, id);
		return ResponseEntity.noContent().build();
	}

	private static DeductionDraft draft(DeductionRequest body) {
		return body == null ? new DeductionDraft(null, null, null)
				: new DeductionDraft(body.item(), body.points(), body.reason());
	}

	private static InputsJson json(Inputs i, List<Deduction> deductions) {
		return new InputsJson(i.minorsScore(), i.cycleStartYear(), i.year1Score(), i.year2Score(), i.version(),
				i.updatedAt(), i.updatedBy(), deductions);
	}

}
