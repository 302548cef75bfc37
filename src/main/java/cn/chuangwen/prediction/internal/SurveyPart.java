package cn.chuangwen.prediction.internal;

import org.springframework.stereotype.Component;

import cn.chuangwen.prediction.PredictionFormula;
import cn.chuangwen.prediction.PredictionFormula.Part;

/**
 * The survey part (问卷调查, 20 points) of the predicted score. The city's own survey rounds are to
 * feed it once the surveys module exists; until then no round exists, so the part is unknown: the
 * estimate counts it at half its points (10) and the range spans 0 to 20. This is the one place
 * to wire the surveys module's satisfaction score in.
 */
@Component
public class SurveyPart {

	/** The part for the city: unknown until survey rounds exist. */
	public Part estimate(long cityId) {
		return new Part(PredictionFormula.SURVEY / 2, 0, PredictionFormula.SURVEY, true);
	}

	/** The message key of the method text for the city's survey part. */
	public String methodKey(long cityId) {
		return "prediction.method.survey.none";
	}

}
