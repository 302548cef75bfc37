package cn.chuangwen.surveys;

import java.util.List;

/** What the public answer page shows of a link: the city, the unit being rated, the survey and its questions. */
public record PublicSurvey(String token, long surveyId, String cityName, String unitName, String surveyName,
		List<SurveyView.Question> questions) {
}
