package cn.chuangwen.surveys.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.surveys.QuestionKind;
import cn.chuangwen.surveys.SurveyDraft;
import cn.chuangwen.surveys.SurveyRules;

/**
 * The questionnaire builder's form, as posted (works without JavaScript): {@code name},
 * {@code round}, ticked {@code unitIds}, and per question {@code questions[i].kind},
 * {@code .required}, {@code .labelZh}, {@code .labelEn} and {@code .options} (one option a line,
 * {@code 中文|English|分值}, the last two optional). The buttons add a question, or remove or move
 * question i ({@code action} = {@code add}, {@code remove-i}, {@code up-i}, {@code down-i}); the
 * page comes back with the change and nothing is saved until {@code save}.
 */
final class BuilderForm {

	/** One question as the form shows it. */
	record Question(String kind, boolean required, String labelZh, String labelEn, String options) {
	}

	String name;

	String round;

	Set<Long> unitIds = new LinkedHashSet<>();

	List<Question> questions = new ArrayList<>();

	static BuilderForm starter(String round) {
		BuilderForm f = new BuilderForm();
		f.round = round;
		f.questions.add(new Question("RATING", true, "您对本单位窗口服务的总体满意度如何？",
				"How satisfied are you with this counter's service overall?", ""));
		f.questions.add(new Question("SINGLE", true, "工作人员的服务态度如何？", "How was the staff's attitude?",
				"很好|Very good|100\n较好|Good|75\n一般|Fair|50\n较差|Poor|0"));
		f.questions.add(new Question("MULTIPLE", false, "您今天办理了哪些事项？", "What did you come for today?",
				"咨询|Enquiry\n办理业务|Business\n投诉|Complaint\n其他|Other"));
		f.questions.add(new Question("TEXT", false, "您对我们还有什么意见或建议？", "Anything else you would like to tell us?",
				""));
		return f;
	}

	static BuilderForm read(Map<String, String[]> params) {
		BuilderForm f = new BuilderForm();
		f.name = one(params, "name");
		f.round = one(params, "round");
		String[] units = params.get("unitIds");
		if (units != null) {
			for (String u : units) {
				try {
					f.unitIds.add(Long.valueOf(u.strip()));
				}
				catch (NumberFormatException ex) {
					// an id the form never offered: left out, the units check names the field if none remain
				}
			}
		}
		for (int i = 0; i < SurveyRules.MAX_QUESTIONS + 10; i++) {
			String p = "questions[" + i + "].";
			if (!params.containsKey(p + "kind")) {
				break;
			}
			f.questions.add(new Question(one(params, p + "kind"), "true".equals(one(params, p + "required")),
					one(params, p + "labelZh"), one(params, p + "labelEn"), one(params, p + "options")));
		}
		return f;
	}

	/** Applies a builder button; true when the form is to be saved. */
	boolean apply(String action) {
		if (action == null || action.equals("save")) {
			return true;
		}
		if (action.equals("add")) {
			if (questions.size() < SurveyRules.MAX_QUESTIONS) {
				questions.add(new Question("RATING", true, "", "", ""));
			}
			return false;
		}
		String[] parts = action.split("-");
		int i;
		try {
			i = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
		}
		catch (NumberFormatException ex) {
			i = -1;
		}
		if (i < 0 || i >= questions.size()) {
			return false;
		}
		switch (parts[0]) {
			case "remove" -> questions.remove(i);
			case "up" -> {
				if (i > 0) {
					questions.add(i - 1, questions.remove(i));
				}
			}
			case "down" -> {
				if (i < questions.size() - 1) {
					questions.add(i + 1, questions.remove(i));
				}
			}
			default -> {
				// an unknown button changes nothing
			}
		}
		return false;
	}

	/** The draft to save; a score that is not a number is added to {@code wrong} on the question's options. */
	SurveyDraft draft(List<FieldProblem> wrong) {
		List<SurveyDraft.QuestionDraft> qs = new ArrayList<>();
		for (int i = 0; i < questions.size(); i++) {
			Question q = questions.get(i);
			List<SurveyDraft.OptionDraft> options = new ArrayList<>();
			QuestionKind kind = QuestionKind.parse(q.kind()).orElse(null);
			if (kind != null && kind.choice() && q.options() != null) {
				int line = 0;
				for (String raw : q.options().split("\\R")) {
					if (raw.isBlank()) {
						continue;
					}
					line++;
					String[] cells = raw.split("\\|", -1);
					BigDecimal score = null;
					if (cells.length > 2 && !cells[2].isBlank()) {
						try {
							score = new BigDecimal(cells[2].strip());
						}
						catch (NumberFormatException ex) {
							wrong.add(FieldProblem.of("questions[" + i + "].options", "survey.error.option.score", i + 1,
									line));
						}
					}
					options.add(new SurveyDraft.OptionDraft(cells[0], cells.length > 1 ? cells[1] : null, score));
				}
			}
			qs.add(new SurveyDraft.QuestionDraft(q.kind(), q.required(), q.labelZh(), q.labelEn(), options));
		}
		return new SurveyDraft(name, round, List.copyOf(unitIds), qs);
	}

	private static String one(Map<String, String[]> params, String name) {
		String[] v = params.get(name);
		return v == null || v.length == 0 ? null : v[0];
	}

	public String getName() {
		return name;
	}

	public String getRound() {
		return round;
	}

	public Set<Long> getUnitIds() {
		return unitIds;
	}

	public List<Question> getQuestions() {
		return questions;
	}

}
