package cn.chuangwen.surveys.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.Secrets;
import cn.chuangwen.surveys.QuestionKind;
import cn.chuangwen.surveys.SurveyAnswers;
import cn.chuangwen.surveys.SurveyDraft;
import cn.chuangwen.surveys.SurveyView;
import cn.chuangwen.surveys.Surveys;

/**
 * The demo's satisfaction survey (Xiantao's X7): the Xiantao office's questionnaire run for the
 * current quarter over every window unit of the city, with answers from the public through the same
 * service the answer page uses (a seeded random, so every start looks the same): the first units have
 * more answers than the city's minimum and get a score, the last two too few ("sample too small").
 */
@Component
@Order(85)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class SurveyDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(SurveyDemoData.class);

	/** Responses per window unit, in name order; past the list, 8 each. */
	static final int[] RESPONSES = { 42, 38, 36, 33, 31, 9, 6 };

	static final String[] COMMENTS = { "工作人员很耐心，办事效率高。", "排队时间有点长，希望多开几个窗口。", "环境干净整洁，指引清楚。",
			"希望能延长周末的服务时间。", "态度很好，点赞！", "自助机器有一台坏了，希望尽快修好。" };

	private final Surveys surveys;

	private final SurveyAnswers answers;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	SurveyDemoData(Surveys surveys, SurveyAnswers answers, Accounts accounts, JdbcClient jdbc, TransactionTemplate tx) {
		this.surveys = surveys;
		this.answers = answers;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (jdbc.sql("select count(*) from survey").query(Integer.class).single() > 0) {
			return;
		}
		CurrentUser office = jdbc.sql("select id from app_user where username = 'xiantao.office'")
			.query(Long.class)
			.optional()
			.map(accounts::principal)
			.orElse(null);
		if (office == null || surveys.windowUnits(office).isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		SurveyView survey = tx.execute(s -> surveys.create(office, draft(surveys.currentQuarter())));
		int total = tx.execute(s -> answer(survey));
		log.info("Demo survey loaded: {} responses over {} window units in {} ms", total, survey.links().size(),
				(System.nanoTime() - started) / 1_000_000);
	}

	static SurveyDraft draft(String round) {
		List<SurveyDraft.QuestionDraft> questions = List.of(
				new SurveyDraft.QuestionDraft("RATING", true, "您对本单位窗口服务的总体满意度如何？",
						"How satisfied are you with this counter's service overall?", List.of()),
				new SurveyDraft.QuestionDraft("SINGLE", true, "工作人员的服务态度如何？", "How was the staff's attitude?",
						List.of(option("很好", "Very good", 100), option("较好", "Good", 75), option("一般", "Fair", 50),
								option("较差", "Poor", 0))),
				new SurveyDraft.QuestionDraft("RATING", true, "办事效率（等候时间、办理速度）如何？",
						"How quick was it (waiting, handling)?", List.of()),
				new SurveyDraft.QuestionDraft("MULTIPLE", false, "您今天办理了哪些事项？", "What did you come for today?",
						List.of(option("咨询", "Enquiry", null), option("办理业务", "Business", null),
								option("投诉", "Complaint", null), option("其他", "Other", null))),
				new SurveyDraft.QuestionDraft("TEXT", false, "您对我们还有什么意见或建议？",
						"Anything else you would like to tell us?", List.of()));
		return new SurveyDraft(round.replace("-Q", "年第") + "季度窗口行业群众满意度测评", round, List.of(), questions);
	}

	private static SurveyDraft.OptionDraft option(String zh, String en, Integer score) {
		return new SurveyDraft.OptionDraft(zh, en, score == null ? null : BigDecimal.valueOf(score));
	}

	private int answer(SurveyView survey) {
		Random random = new Random(85);
		List<SurveyView.Question> questions = survey.questions();
		int total = 0;
		for (int u = 0; u < survey.links().size(); u++) {
			SurveyView.Link link = survey.links().get(u);
			int n = u < RESPONSES.length ? RESPONSES[u] : 8;
			// each unit leans a little differently: the first ones better served than the last
			int lean = 4 - u % 4;
			for (int i = 0; i < n; i++) {
				Map<String, List<String>> fields = new java.util.HashMap<>();
				for (SurveyView.Question q : questions) {
					String f = SurveyAnswers.field(q);
					if (q.kind() == QuestionKind.RATING) {
						fields.put(f, List.of(String.valueOf(Math.max(1, Math.min(5, lean + random.nextInt(3) - (i % 7 == 0 ? 2 : 0))))));
					}
					else if (q.kind() == QuestionKind.SINGLE) {
						int pick = Math.min(q.options().size() - 1, Math.max(0, 4 - lean + random.nextInt(2)));
						fields.put(f, List.of(String.valueOf(q.options().get(pick).id())));
					}
					else if (q.kind() == QuestionKind.MULTIPLE && random.nextInt(3) > 0) {
						List<String> chosen = new ArrayList<>();
						chosen.add(String.valueOf(q.options().get(random.nextInt(q.options().size())).id()));
						fields.put(f, chosen);
					}
					else if (q.kind() == QuestionKind.TEXT && random.nextInt(4) == 0) {
						fields.put(f, List.of(COMMENTS[random.nextInt(COMMENTS.length)]));
					}
				}
				answers.answer(link.token(), Secrets.sha256Hex("demo-device:" + survey.id() + "-" + u + "-" + i), fields);
				total++;
			}
		}
		return total;
	}

}
