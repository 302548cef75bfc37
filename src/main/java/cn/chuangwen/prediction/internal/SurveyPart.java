package cn.chuangwen.prediction.internal;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.chuangwen.prediction.PredictionFormula;
import cn.chuangwen.prediction.PredictionFormula.Part;
import cn.chuangwen.surveys.Satisfaction;

/**
 * The survey part (问卷调查, 20 points) of the predicted score, from the city's own satisfaction
 * surveys of the year ({@link Satisfaction#city}): the mean of the scored window units' 0-100
 * satisfaction, scaled to 20 points. The national survey asks other people other questions, so the
 * city's own figure is a proxy: the range is {@value #MARGIN} points either way. Without a scored
 * round in the year the part is unknown: counted at half its points (10), range 0 to 20.
 */
@Component
public class SurveyPart {

	/** How far the national survey may lie from the city's own, in points of the 20. */
	static final double MARGIN = 2;

	private final Satisfaction satisfaction;

	SurveyPart(Satisfaction satisfaction) {
		this.satisfaction = satisfaction;
	}

	/**
	 * The part, with the message key and arguments of its method text (the score, the responses and
	 * the rounds it came from).
	 */
	public record Estimate(Part part, String methodKey, List<Object> methodArgs) {
	}

	/** The part for the city from the rounds that began in the year of {@code asOf}, up to that day. */
	public Estimate estimate(long cityId, LocalDate asOf) {
		Satisfaction.CityFigure figure = satisfaction.city(cityId, asOf.withDayOfYear(1), asOf.plusDays(1));
		if (figure.score() == null) {
			return new Estimate(new Part(PredictionFormula.SURVEY / 2, 0, PredictionFormula.SURVEY, true),
					"prediction.method.survey.none", List.of());
		}
		double point = PredictionFormula.SURVEY * figure.score().doubleValue() / 100;
		Part part = new Part(point, Math.max(0, point - MARGIN), Math.min(PredictionFormula.SURVEY, point + MARGIN), false);
		return new Estimate(part, "prediction.method.survey.own",
				List.of(figure.score(), figure.responses(), figure.unitRoundsScored(), String.join("、", figure.rounds())));
	}

}
