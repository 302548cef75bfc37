package cn.chuangwen.organization.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.inspections.InspectionFixtures;
import cn.chuangwen.inspections.InspectionSubmission;
import cn.chuangwen.inspections.Inspections;
import cn.chuangwen.inspections.ItemAnswer;
import cn.chuangwen.inspections.ItemOutcome;
import cn.chuangwen.inspections.PlanKind;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.ReviewFixtures;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.ProgressReports;

/**
 * Checklist B1 (deny by default, 等保 8.1.4.2a) and B5 (三员 separation): every endpoint of the JSON
 * API and the main pages, called by every demo role, against the table below. An API endpoint
 * without a row in the table fails the test: whoever adds one decides here who may call it.
 */
@IntegrationTest
class EndpointRoleMatrixTest {

	// The demo accounts, one per role (tianmen and qianjiang have the same roles as xiantao).
	static final String SYS = "admin.system", SEC = "admin.security", AUD = "admin.audit", PROV = "hubei.office",
			OFFICE = "xiantao.office", LEADER = "xiantao.leader", INSPECTOR = "xiantao.inspector",
			SUPERVISOR = "xiantao.supervisor", LIAISON = "xiantao.liaison", DEPT = "xiantao.dept";

	static final List<String> ACCOUNTS = List.of(SYS, SEC, AUD, PROV, OFFICE, LEADER, INSPECTOR, SUPERVISOR, LIAISON,
			DEPT);

	static final Set<String> EVERYONE = Set.copyOf(ACCOUNTS);

	static final Set<String> UNIT_READERS = Set.of(PROV, OFFICE, LEADER, INSPECTOR, LIAISON, DEPT);

	static final Set<String> USER_READERS = Set.of(SYS, SEC, OFFICE);

	static final Set<String> INDICATOR_READERS = Set.of(PROV, OFFICE, LEADER, INSPECTOR, LIAISON, DEPT);

	static final Set<String> ASSIGNMENT_READERS = Set.of(PROV, OFFICE, LEADER, INSPECTOR, LIAISON, DEPT);

	/** problem:read (V31__problems.sql): not the supervisor, not the administrators. */
	static final Set<String> PROBLEM_READERS = Set.of(PROV, OFFICE, LEADER, INSPECTOR, LIAISON, DEPT);

	/** fieldpoint:read (V36__field_points.sql): the office, the province, inspectors and units (their own points). */
	static final Set<String> POINT_READERS = Set.of(PROV, OFFICE, INSPECTOR, LIAISON, DEPT);

	/** inspection:results or inspection:submit (V37__inspections.sql): the office, the province, inspectors. */
	static final Set<String> INSPECTION_READERS = Set.of(PROV, OFFICE, INSPECTOR);
	/** Every account of a city, and the province (inspection:results): published inspection results. */
	static final Set<String> CITY_ACCOUNTS_AND_PROVINCE = Set.of(PROV, OFFICE, LEADER, INSPECTOR, SUPERVISOR, LIAISON,
			DEPT);

	/** opinion:file, opinion:instruct, opinion:manage (V45__supervisor_opinions.sql): the express's three parties. */
	static final Set<String> OPINION_READERS = Set.of(OFFICE, LEADER, SUPERVISOR);

	/** opinion:file or opinion:manage: opinion collection rounds. */
	static final Set<String> ROUND_READERS = Set.of(OFFICE, SUPERVISOR);

	/**
	 * survey:read or survey:manage (V56__surveys.sql): the office, leaders, the province, unit liaisons
	 * (their own units' links and results only, SurveysIntegrationTest).
	 */
	static final Set<String> SURVEY_READERS = Set.of(PROV, OFFICE, LEADER, LIAISON, DEPT);

	/** evaluation:read (V58__evaluation.sql): the office, leaders, the province and units (their own line). */
	static final Set<String> EVALUATION_READERS = Set.of(PROV, OFFICE, LEADER, LIAISON, DEPT);

	/** prediction:read (V62__prediction.sql): the city office and leaders, the province. */
	static final Set<String> PREDICTION_READERS = Set.of(PROV, OFFICE, LEADER);

	/**
	 * project:read or project:manage (V64__projects.sql): the office, leaders, the province, unit
	 * liaisons (the projects their unit leads or cooperates on only, ProjectsIntegrationTest).
	 */
	static final Set<String> PROJECT_READERS = Set.of(PROV, OFFICE, LEADER, LIAISON, DEPT);

	/**
	 * fund:read (V68__funds_plans_calendar.sql): the office and leaders their city's creation funds,
	 * unit liaisons their unit's allocations only (FundsIntegrationTest); not the province.
	 */
	static final Set<String> FUND_READERS = Set.of(OFFICE, LEADER, LIAISON, DEPT);

	/** command:read or command:manage (V67__command_structure.sql): everyone of the city but the supervisor, and the province. */
	static final Set<String> COMMAND_READERS = Set.of(PROV, OFFICE, LEADER, INSPECTOR, LIAISON, DEPT);

	/**
	 * publicity:read or publicity:manage (V70__publicity.sql): the office, leaders, the province, unit
	 * liaisons (their own unit's outlets and news only, MediaOutletsIntegrationTest, CreationNewsIntegrationTest).
	 */
	static final Set<String> PUBLICITY_READERS = Set.of(PROV, OFFICE, LEADER, LIAISON, DEPT);

	/** publicity:report: unit liaisons report their outlets' months and submit news. */
	static final Set<String> PUBLICITY_REPORTERS = Set.of(LIAISON, DEPT);

	/**
	 * innovation:read or innovation:manage (V69__innovation_cases.sql): the office, leaders, inspectors,
	 * the province and unit liaisons (their own unit's cases only, InnovationIntegrationTest).
	 */
	static final Set<String> INNOVATION_READERS = Set.of(PROV, OFFICE, LEADER, INSPECTOR, LIAISON, DEPT);

	/** Needs no sign-in at all. */
	static final Set<String> PUBLIC = Set.of("public");

	/**
	 * The expected matrix: endpoint → the accounts allowed. Allowed GETs answer 200; allowed writes
	 * with an empty JSON object answer 400 (validation, nothing written); the others answer 403.
	 */
	static final Map<String, Set<String>> API = new LinkedHashMap<>();
	static {
		API.put("POST /api/v1/auth/token", PUBLIC);
		// citizen reports, the public side (CitizenReportsApi, issue 11 §5): anonymous, rate-limited per address;
		// their answers and bad input are in CitizenReportsApiIntegrationTest
		API.put("POST /api/v1/public/{cityCode}/reports", PUBLIC);
		API.put("GET /api/v1/public/{cityCode}/reports/challenge", PUBLIC);
		API.put("GET /api/v1/public/{cityCode}/reports/nearby", PUBLIC);
		API.put("GET /api/v1/public/reports/{code}", PUBLIC);
		API.put("GET /api/v1/public/reports/{code}/photos/{fileId}", PUBLIC);
		API.put("GET /api/v1/public/reports/{code}/photos/{fileId}/thumbnail", PUBLIC);
		API.put("POST /api/v1/public/reports/{code}/support", PUBLIC);
		API.put("POST /api/v1/public/reports/{code}/rating", PUBLIC);
		API.put("GET /api/v1/me", EVERYONE);
		API.put("GET /api/v1/cities", EVERYONE);
		API.put("GET /api/v1/units", UNIT_READERS);
		API.put("GET /api/v1/units/{id}", UNIT_READERS);
		API.put("POST /api/v1/units", Set.of(OFFICE));
		API.put("PUT /api/v1/units/{id}", Set.of(OFFICE));
		API.put("PUT /api/v1/units/{id}/top-leader", Set.of(OFFICE));
		API.put("GET /api/v1/users", USER_READERS);
		API.put("GET /api/v1/users/{id}", USER_READERS);
		API.put("POST /api/v1/users", Set.of(SYS));
		API.put("PUT /api/v1/users/{id}", Set.of(SYS));
		API.put("GET /api/v1/audit/verify", Set.of(AUD));
		// indicators module (IndicatorApi; indicator:read / indicator:write, V5__indicators.sql)
		API.put("GET /api/v1/indicator-systems", INDICATOR_READERS);
		API.put("GET /api/v1/indicator-systems/{id}/tree", INDICATOR_READERS);
		API.put("GET /api/v1/indicator-systems/{id}/export.xlsx", INDICATOR_READERS);
		API.put("POST /api/v1/indicator-systems/import", Set.of(OFFICE));
		// tasks module (TasksApi; assignment:read / assignment:write / report:submit / report:review, V7__tasks.sql)
		API.put("GET /api/v1/assignments", ASSIGNMENT_READERS);
		API.put("GET /api/v1/assignments/{id}", ASSIGNMENT_READERS);
		API.put("POST /api/v1/assignments", Set.of(OFFICE));
		API.put("PUT /api/v1/assignments/{id}", Set.of(OFFICE));
		API.put("POST /api/v1/assignments/{id}/withdraw", Set.of(OFFICE));
		API.put("POST /api/v1/assignments/{id}/reports", Set.of(LIAISON, DEPT));
		API.put("GET /api/v1/reports/{id}", ASSIGNMENT_READERS);
		API.put("POST /api/v1/reports/{id}/review", Set.of(OFFICE));
		API.put("GET /api/v1/battle-map", ASSIGNMENT_READERS);
		// the review queue (ReviewApi; report:queue, V24__review_queue_notices.sql): city office and province
		API.put("GET /api/v1/reports", Set.of(PROV, OFFICE));
		// the city comparison (CityComparison): whole-city readers only
		API.put("GET /api/v1/overview", Set.of(PROV, OFFICE, LEADER, INSPECTOR));
		// the electronic archive (archive:export)
		API.put("GET /api/v1/indicator-systems/{id}/archive.zip", Set.of(OFFICE));
		// problems module (ProblemsApi; problem:read / write / rectify / verify, instruction:write, V31__problems.sql)
		API.put("GET /api/v1/problems", PROBLEM_READERS);
		API.put("POST /api/v1/problems", Set.of(OFFICE));
		API.put("GET /api/v1/problems/{id}", PROBLEM_READERS);
		API.put("GET /api/v1/problems/{id}/photos/{photoId}", PROBLEM_READERS);
		API.put("POST /api/v1/problems/{id}/photos", Set.of(OFFICE, INSPECTOR));
		API.put("POST /api/v1/problems/{id}/dispatch", Set.of(OFFICE));
		API.put("POST /api/v1/problems/{id}/sign", Set.of(LIAISON, DEPT));
		API.put("POST /api/v1/problems/{id}/dispute", Set.of(LIAISON, DEPT));
		API.put("POST /api/v1/problems/{id}/reroute", Set.of(OFFICE));
		API.put("POST /api/v1/problems/{id}/insist", Set.of(OFFICE));
		API.put("POST /api/v1/problems/{id}/deadline", Set.of(OFFICE));
		API.put("POST /api/v1/problems/{id}/rectifications", Set.of(LIAISON, DEPT));
		API.put("POST /api/v1/problems/{id}/verification", Set.of(OFFICE, INSPECTOR));
		API.put("POST /api/v1/problems/{id}/instructions", Set.of(LEADER));
		API.put("GET /api/v1/problems/export.xlsx", PROBLEM_READERS);
		API.put("GET /api/v1/problems/import-template.xlsx", Set.of(OFFICE));
		API.put("POST /api/v1/problems/import", Set.of(OFFICE));
		API.put("POST /api/v1/notices", Set.of(OFFICE));
		// the red/yellow/green list is for whole-city readers until the office publishes it
		API.put("GET /api/v1/problem-lists", Set.of(PROV, OFFICE, LEADER));
		API.put("GET /api/v1/problem-statistics", Set.of(PROV, OFFICE, LEADER));
		// a published list (ProblemListPublications): the office publishes, every problem reader reads it
		API.put("POST /api/v1/problem-lists/publications", Set.of(OFFICE));
		API.put("GET /api/v1/problem-lists/publications", PROBLEM_READERS);
		API.put("GET /api/v1/problem-lists/publications/{period}", PROBLEM_READERS);
		// a city's problem rules and categories (ProblemSettings): its office
		API.put("GET /api/v1/problem-rules", Set.of(OFFICE));
		API.put("PUT /api/v1/problem-rules", Set.of(OFFICE));
		API.put("GET /api/v1/problem-categories", Set.of(OFFICE));
		API.put("POST /api/v1/problem-categories", Set.of(OFFICE));
		API.put("PUT /api/v1/problem-categories/{id}", Set.of(OFFICE));
		API.put("GET /api/v1/notices", PROBLEM_READERS);
		API.put("GET /api/v1/notices/{id}", PROBLEM_READERS);
		API.put("GET /api/v1/notices/{id}/pdf", PROBLEM_READERS);
		API.put("GET /api/v1/notices/{id}/files/{fileId}", PROBLEM_READERS);
		API.put("POST /api/v1/notices/{id}/receipt", Set.of(LIAISON, DEPT));
		API.put("POST /api/v1/notices/{id}/reply", Set.of(LIAISON, DEPT));
		// inspections module (FieldPointsApi, ChecklistsApi; fieldpoint:read / fieldpoint:write / checklist:write, V36)
		API.put("GET /api/v1/field-points", POINT_READERS);
		API.put("POST /api/v1/field-points", Set.of(OFFICE));
		API.put("GET /api/v1/field-points/{id}", POINT_READERS);
		API.put("PUT /api/v1/field-points/{id}", Set.of(OFFICE));
		API.put("POST /api/v1/field-points/import", Set.of(OFFICE));
		API.put("GET /api/v1/field-points/export.xlsx", POINT_READERS);
		API.put("GET /api/v1/field-points/import-template.xlsx", Set.of(OFFICE));
		// inspection plans (PlansApi; inspection:plan makes, closes and redraws; readers see what the plan secrecy allows)
		API.put("GET /api/v1/inspection-plans", POINT_READERS);
		API.put("POST /api/v1/inspection-plans", Set.of(OFFICE));
		API.put("GET /api/v1/inspection-plans/{id}", POINT_READERS);
		API.put("GET /api/v1/inspection-plans/{id}/draw", Set.of(OFFICE));
		API.put("POST /api/v1/inspection-plans/{id}/close", Set.of(OFFICE));
		API.put("POST /api/v1/checklists/import", Set.of(OFFICE));
		API.put("GET /api/v1/checklists", POINT_READERS);
		// inspections (InspectionsApi; inspection:submit / inspection:results / inspection:plan, V37): the office
		// and inspectors submit; the office, the province and inspectors (their own) read
		API.put("POST /api/v1/inspections", Set.of(OFFICE, INSPECTOR));
		API.put("GET /api/v1/inspections", INSPECTION_READERS);
		API.put("GET /api/v1/inspections/{id}", INSPECTION_READERS);
		API.put("POST /api/v1/inspections/{id}/photos", Set.of(OFFICE, INSPECTOR));
		API.put("GET /api/v1/inspections/{id}/photos/{photoId}", INSPECTION_READERS);
		API.put("GET /api/v1/inspections/{id}/photos/{photoId}/original", Set.of(PROV, OFFICE));
		// inspection results (ResultsApi, InspectionSettingsApi; inspection:results / inspection:publish, V37):
		// the office and province read any period, every account of a city the published ones
		API.put("GET /api/v1/inspection-results", CITY_ACCOUNTS_AND_PROVINCE);
		API.put("POST /api/v1/periods/{period}/publish", Set.of(OFFICE));
		API.put("GET /api/v1/inspection-rules", Set.of(OFFICE));
		API.put("PUT /api/v1/inspection-rules", Set.of(OFFICE));
		// citizen reports, the office's side (ReportTriageApi; participation:triage, V41__participation.sql)
		API.put("GET /api/v1/citizen-reports", Set.of(OFFICE));
		API.put("POST /api/v1/citizen-reports", Set.of(OFFICE));
		API.put("POST /api/v1/citizen-reports/{id}/accept", Set.of(OFFICE));
		API.put("POST /api/v1/citizen-reports/{id}/merge", Set.of(OFFICE));
		API.put("POST /api/v1/citizen-reports/{id}/reject", Set.of(OFFICE));
		// supervisors' opinions (SupervisorOpinionsApi; opinion:file / instruct / manage, V45): the supervisor
		// their own, the city's leaders and office; another supervisor or city 404 (SupervisorOpinionsIntegrationTest)
		API.put("GET /api/v1/supervisor-opinions", OPINION_READERS);
		API.put("POST /api/v1/supervisor-opinions", Set.of(SUPERVISOR));
		API.put("GET /api/v1/supervisor-opinions/{id}", OPINION_READERS);
		API.put("GET /api/v1/supervisor-opinions/{id}/photos/{photoId}", OPINION_READERS);
		API.put("POST /api/v1/supervisor-opinions/{id}/instruction", Set.of(LEADER));
		API.put("POST /api/v1/supervisor-opinions/{id}/problem", Set.of(OFFICE));
		API.put("POST /api/v1/supervisor-opinions/{id}/decline", Set.of(OFFICE));
		// opinion collection rounds (OpinionRoundsApi; the office runs them, supervisors answer)
		API.put("GET /api/v1/opinion-rounds", ROUND_READERS);
		API.put("POST /api/v1/opinion-rounds", Set.of(OFFICE));
		API.put("GET /api/v1/opinion-rounds/{id}", ROUND_READERS);
		API.put("POST /api/v1/opinion-rounds/{id}/close", Set.of(OFFICE));
		API.put("GET /api/v1/opinion-rounds/{id}/answers", ROUND_READERS);
		API.put("POST /api/v1/opinion-rounds/{id}/answers", Set.of(SUPERVISOR));
		// Open311 partner keys (PartnerKeysApi; participation:triage, V41__participation.sql): the city office
		API.put("GET /api/v1/open311-keys", Set.of(OFFICE));
		API.put("POST /api/v1/open311-keys", Set.of(OFFICE));
		API.put("GET /api/v1/open311-keys/{id}", Set.of(OFFICE));
		API.put("POST /api/v1/open311-keys/{id}/revoke", Set.of(OFFICE));
		// satisfaction surveys (SurveysApi; survey:read / survey:manage, V56__surveys.sql); the public answer
		// page /s/{token} is not under /api/ (SurveysIntegrationTest, SurveyFloodIntegrationTest)
		API.put("GET /api/v1/surveys", SURVEY_READERS);
		API.put("POST /api/v1/surveys", Set.of(OFFICE));
		API.put("GET /api/v1/surveys/{id}/results", SURVEY_READERS);
		// evaluation (EvaluationApi; evaluation:read / evaluation:manage, V58__evaluation.sql): the office changes,
		// leaders and the province read schemes and closed periods, a unit its own line of a published period
		API.put("GET /api/v1/periods", EVALUATION_READERS);
		API.put("POST /api/v1/periods/{code}/close", Set.of(OFFICE));
		// the calendar (PeriodCalendar): whole-city readers read it; "{}" names no kind (400)
		API.put("GET /api/v1/period-calendar", Set.of(PROV, OFFICE, LEADER));
		API.put("PUT /api/v1/period-calendar", Set.of(OFFICE));
		API.put("POST /api/v1/periods/{code}/reopen", Set.of(OFFICE));
		API.put("GET /api/v1/score-schemes", Set.of(PROV, OFFICE, LEADER));
		API.put("POST /api/v1/score-schemes", Set.of(OFFICE));
		API.put("GET /api/v1/score-schemes/{id}", Set.of(PROV, OFFICE, LEADER));
		API.put("PUT /api/v1/score-schemes/{id}", Set.of(OFFICE));
		API.put("POST /api/v1/score-schemes/{id}/preview", Set.of(OFFICE));
		API.put("GET /api/v1/scores", EVALUATION_READERS);
		API.put("GET /api/v1/manual-items", Set.of(OFFICE));
		API.put("POST /api/v1/manual-items", Set.of(OFFICE));
		API.put("POST /api/v1/evaluation-periods/{code}/publish", Set.of(OFFICE));
		API.put("GET /api/v1/rewards", Set.of(PROV, OFFICE, LEADER));
		API.put("POST /api/v1/rewards/proposals/{id}/confirm", Set.of(OFFICE));
		API.put("GET /api/v1/reward-rules", Set.of(PROV, OFFICE, LEADER));
		API.put("POST /api/v1/reward-rules", Set.of(OFFICE));
		API.put("PUT /api/v1/rewards/budget", Set.of(OFFICE));
		// the predicted score (PredictionApi; prediction:read / prediction:write, V62__prediction.sql): the office,
		// leaders and the province read (the province names the city, 400 without); the office enters the inputs
		API.put("GET /api/v1/prediction", PREDICTION_READERS);
		API.put("GET /api/v1/prediction/trend", PREDICTION_READERS);
		API.put("GET /api/v1/prediction/inputs", Set.of(OFFICE));
		API.put("PUT /api/v1/prediction/inputs", Set.of(OFFICE));
		API.put("POST /api/v1/prediction/deductions", Set.of(OFFICE));
		API.put("PUT /api/v1/prediction/deductions/{id}", Set.of(OFFICE));
		API.put("DELETE /api/v1/prediction/deductions/{id}", Set.of(OFFICE));
		// key projects (ProjectsApi; project:read / project:manage, V64__projects.sql)
		API.put("GET /api/v1/projects", PROJECT_READERS);
		API.put("POST /api/v1/projects", Set.of(OFFICE));
		API.put("GET /api/v1/projects/{id}", PROJECT_READERS);
		API.put("PUT /api/v1/projects/{id}", Set.of(OFFICE));
		API.put("POST /api/v1/projects/{id}/spending", Set.of(OFFICE));
		// no task force named: 400 (ProjectsIntegrationTest)
		API.put("PUT /api/v1/projects/{id}/task-force", Set.of(OFFICE));
		// plans of a key project: the office and the lead unit (xiantao.dept leads its row's project) upload,
		// a city leader decides ("{}" names no decision: 400 before the version is looked up)
		API.put("GET /api/v1/projects/{id}/plans", PROJECT_READERS);
		API.put("POST /api/v1/projects/{id}/plans", Set.of(OFFICE, DEPT));
		API.put("POST /api/v1/projects/{id}/plans/versions/{versionId}/decision", Set.of(LEADER));
		// creation funds (FundsApi; fund:read / fund:manage / project:approve, V68__funds_plans_calendar.sql)
		API.put("GET /api/v1/funds", FUND_READERS);
		API.put("PUT /api/v1/funds/budget", Set.of(OFFICE));
		API.put("POST /api/v1/funds/allocations", Set.of(OFFICE));
		API.put("GET /api/v1/funds/allocations/{id}", FUND_READERS);
		API.put("PUT /api/v1/funds/allocations/{id}", Set.of(OFFICE));
		API.put("POST /api/v1/funds/allocations/{id}/spending", Set.of(OFFICE));
		API.put("POST /api/v1/funds/allocations/{id}/increases", Set.of(OFFICE));
		API.put("POST /api/v1/funds/increases/{id}/decision", Set.of(LEADER));
		// the meeting calendar (MeetingsApi): "{}" names no rhythm (400)
		API.put("GET /api/v1/meetings/calendar", PROJECT_READERS);
		API.put("PUT /api/v1/meetings/calendar", Set.of(OFFICE));
		// the command structure (CommandApi; command:read / command:manage, V67__command_structure.sql)
		API.put("GET /api/v1/command-bodies", COMMAND_READERS);
		API.put("POST /api/v1/command-bodies", Set.of(OFFICE));
		API.put("GET /api/v1/command-bodies/{id}", COMMAND_READERS);
		API.put("PUT /api/v1/command-bodies/{id}", Set.of(OFFICE));
		API.put("POST /api/v1/command-bodies/{id}/members", Set.of(OFFICE));
		API.put("DELETE /api/v1/command-bodies/{id}/members/{memberId}", Set.of(OFFICE));
		// care teams (CareTeamsApi; command:read / command:manage): "{}" names no department (400); the help
		// and a team are read only by who sees the community (LOOSE); help is reported by team members only
		API.put("GET /api/v1/care-teams", COMMAND_READERS);
		API.put("PUT /api/v1/care-teams/{communityId}", Set.of(OFFICE));
		API.put("GET /api/v1/care-teams/{communityId}/help", COMMAND_READERS);
		API.put("POST /api/v1/care-teams/{communityId}/help", COMMAND_READERS);
		// joint meetings (MeetingsApi; project:read / project:manage): "{}" names no unit, agenda or decision (400);
		// a meeting is read by its city's people (the province, with no city, gets 404: LOOSE)
		API.put("GET /api/v1/meetings", PROJECT_READERS);
		API.put("POST /api/v1/meetings", Set.of(OFFICE));
		API.put("GET /api/v1/meetings/{id}", PROJECT_READERS);
		API.put("GET /api/v1/meetings/{id}/agenda-draft", Set.of(OFFICE));
		API.put("PUT /api/v1/meetings/{id}/agenda", Set.of(OFFICE));
		API.put("POST /api/v1/meetings/{id}/sign-in", PROJECT_READERS);
		API.put("POST /api/v1/meetings/{id}/decisions", Set.of(OFFICE));
		// issuing the demo meeting's minutes: 200 the first time, 409 after (LOOSE)
		API.put("POST /api/v1/meetings/{id}/minutes", Set.of(OFFICE));
		// publicity (OutletsApi, NewsApi; publicity:read / report / manage, V70__publicity.sql): the {id} is an
		// outlet or a published news item of the propaganda department (xiantao.dept's unit)
		API.put("GET /api/v1/media-outlets", PUBLICITY_READERS);
		API.put("POST /api/v1/media-outlets", Set.of(OFFICE));
		API.put("GET /api/v1/media-outlets/{id}", PUBLICITY_READERS);
		API.put("GET /api/v1/media-outlets/{id}/reports", PUBLICITY_READERS);
		API.put("POST /api/v1/media-outlets/{id}/reports", PUBLICITY_REPORTERS);
		API.put("GET /api/v1/publicity/compliance", PUBLICITY_READERS);
		API.put("GET /api/v1/news", PUBLICITY_READERS);
		API.put("POST /api/v1/news", PUBLICITY_REPORTERS);
		API.put("GET /api/v1/news/{id}", PUBLICITY_READERS);
		// publishing a published item: 409 (LOOSE)
		API.put("POST /api/v1/news/{id}/publish", Set.of(OFFICE));
		API.put("POST /api/v1/news/{id}/return", Set.of(OFFICE));
		// public campaigns (CampaignsApi; publicity:read / manage, V73__public_campaigns.sql): the {id} is
		// xiantao's demo convention solicitation, published (publishing it again: 409, LOOSE); a moderation
		// without a decision is 400
		API.put("GET /api/v1/campaigns", PUBLICITY_READERS);
		API.put("POST /api/v1/campaigns", Set.of(OFFICE));
		API.put("GET /api/v1/campaigns/{id}", PUBLICITY_READERS);
		API.put("POST /api/v1/campaigns/{id}/publish", Set.of(OFFICE));
		API.put("GET /api/v1/campaigns/{id}/entries", PUBLICITY_READERS);
		API.put("POST /api/v1/campaigns/{id}/entries/{entryId}/moderation", Set.of(OFFICE));
		// demonstration sites (SitesApi; publicity:read / manage, V72__demonstration_sites.sql): the {id} is a demo
		// named site of xiantao; every reader of a city reads its city's sites (they are public once named)
		API.put("GET /api/v1/demonstration-sites", PUBLICITY_READERS);
		API.put("POST /api/v1/demonstration-sites", Set.of(OFFICE));
		API.put("GET /api/v1/demonstration-sites/{id}", PUBLICITY_READERS);
		API.put("PUT /api/v1/demonstration-sites/{id}", Set.of(OFFICE));
		API.put("POST /api/v1/demonstration-sites/{id}/photos", Set.of(OFFICE));
		API.put("POST /api/v1/demonstration-sites/{id}/state", Set.of(OFFICE));
		// innovation contests (InnovationApi; innovation:read / manage / submit, V69__innovation_cases.sql), on the
		// demo's published contest of xiantao: "{}" names no field (400); a sheet only by its judges (the demo
		// leader, office and inspector; anyone else 403); judging and publishing it again are 409 (LOOSE)
		API.put("GET /api/v1/innovation-contests", INNOVATION_READERS);
		API.put("POST /api/v1/innovation-contests", Set.of(OFFICE));
		API.put("GET /api/v1/innovation-contests/{id}", INNOVATION_READERS);
		API.put("GET /api/v1/innovation-cases", INNOVATION_READERS);
		API.put("POST /api/v1/innovation-cases", Set.of(LIAISON, DEPT));
		API.put("POST /api/v1/innovation-contests/{id}/judging", Set.of(OFFICE));
		API.put("POST /api/v1/innovation-contests/{id}/publish", Set.of(OFFICE));
		API.put("GET /api/v1/innovation-contests/{id}/results", INNOVATION_READERS);
		API.put("GET /api/v1/innovation-cases/{id}", INNOVATION_READERS);
		API.put("PUT /api/v1/innovation-cases/{id}", Set.of(LIAISON, DEPT));
		API.put("POST /api/v1/innovation-cases/{id}/scores", Set.of(OFFICE, LEADER, INSPECTOR));
		API.put("POST /api/v1/innovation-cases/{id}/bonus", Set.of(OFFICE));
	}

	/**
	 * Rows of other modules, whose {id} fixtures this test does not create: allowed means neither
	 * 401 nor 403 (404 for an unknown id is fine) and never a 5xx.
	 */
	static final Set<String> LOOSE = Set.of("DELETE /api/v1/command-bodies/{id}/members/{memberId}",
			"GET /api/v1/care-teams/{communityId}/help", "POST /api/v1/care-teams/{communityId}/help",
			"GET /care-teams/{communityId}",
			"GET /api/v1/meetings/{id}", "GET /meetings/{id}",
			"POST /api/v1/meetings/{id}/minutes", "GET /meetings/{id}/minutes.pdf",
			"GET /api/v1/inspection-plans/{id}", "POST /api/v1/inspection-plans/{id}/close",
			"GET /inspections/plans/{id}", "GET /api/v1/indicator-systems", "GET /api/v1/indicator-systems/{id}/tree",
			"GET /api/v1/indicator-systems/{id}/export.xlsx", "POST /api/v1/indicator-systems/import",
			"GET /api/v1/assignments", "GET /api/v1/assignments/{id}", "POST /api/v1/assignments",
			"PUT /api/v1/assignments/{id}", "POST /api/v1/assignments/{id}/withdraw", "GET /assignments/{id}/edit",
			"POST /api/v1/assignments/{id}/reports", "GET /api/v1/reports/{id}", "POST /api/v1/reports/{id}/review",
			"GET /api/v1/battle-map", "GET /api/v1/indicator-systems/{id}/archive.zip", "GET /api/v1/problems/{id}",
			"GET /api/v1/problems/{id}/photos/{photoId}", "POST /api/v1/problems/{id}/photos",
			"POST /api/v1/problems/{id}/dispatch", "POST /api/v1/problems/{id}/sign", "POST /api/v1/problems/{id}/dispute",
			"POST /api/v1/problems/{id}/reroute", "POST /api/v1/problems/{id}/insist",
			"POST /api/v1/problems/{id}/deadline", "POST /api/v1/problems/{id}/rectifications",
			"POST /api/v1/problems/{id}/verification", "POST /api/v1/problems/{id}/instructions",
			"GET /api/v1/notices/{id}", "GET /api/v1/notices/{id}/pdf", "GET /api/v1/notices/{id}/files/{fileId}",
			"POST /api/v1/notices/{id}/receipt", "POST /api/v1/notices/{id}/reply", "GET /api/v1/problem-lists",
			"GET /api/v1/problem-statistics", "GET /problems/notices/{id}", "GET /problems/notices/new",
			"POST /api/v1/problem-lists/publications", "GET /api/v1/problem-lists/publications",
			"GET /api/v1/problem-lists/publications/{period}",
			"GET /problems/lists/published.xlsx", "PUT /api/v1/problem-categories/{id}",
			"GET /api/v1/inspections/{id}/photos/{photoId}", "GET /api/v1/inspections/{id}/photos/{photoId}/original",
			"GET /inspections/records/{id}/photos/{photoId}", "GET /inspections/records/{id}/photos/{photoId}/thumbnail",
			"GET /inspections/records/{id}/photos/{photoId}/original",
			// the province names the city (400 without); a bulletin exists once its period is published (404 before)
			"GET /api/v1/inspection-results", "GET /inspections/results.xlsx", "GET /inspections/results/bulletin.pdf",
			// accept's body is optional (the unit is routed): the row's report is answered already, so 409
			"POST /api/v1/citizen-reports/{id}/accept",
			// no such photo (404); closing the demo's open round would end it for the other tests (404 instead)
			"GET /api/v1/supervisor-opinions/{id}/photos/{photoId}", "POST /api/v1/opinion-rounds/{id}/close",
			// no such key (the id is Long.MAX_VALUE): 404, and no demo key is revoked by this test
			"GET /api/v1/open311-keys/{id}", "POST /api/v1/open311-keys/{id}/revoke",
			// the province names the city (400 without)
			"GET /api/v1/periods", "GET /api/v1/period-calendar", "GET /api/v1/score-schemes", "GET /api/v1/score-schemes/{id}", "GET /api/v1/scores",
			"GET /evaluation/schemes/{id}", "GET /api/v1/rewards", "GET /evaluation/rewards/results.xlsx",
			// the province names the city (400 without); no such deduction (the id is Long.MAX_VALUE): 404
			"GET /api/v1/prediction", "GET /api/v1/prediction/trend", "PUT /api/v1/prediction/deductions/{id}",
			"DELETE /api/v1/prediction/deductions/{id}", "GET /prediction/inputs/deductions/{id}",
			// no such evidence file of the project (404)
			"GET /projects/{id}/evidence/{fileId}",
			"GET /api/v1/reward-rules",
			// a town's liaison does not see the propaganda department's outlet or item (404); no such evidence
			// file or photo (404); the demo item is published already (409)
			"GET /api/v1/media-outlets/{id}", "GET /api/v1/media-outlets/{id}/reports",
			"POST /api/v1/media-outlets/{id}/reports", "GET /publicity/outlets/{id}",
			"GET /publicity/outlets/{id}/evidence/{fileId}", "GET /api/v1/news/{id}", "GET /publicity/news/{id}",
			"GET /publicity/news/{id}/photos/{fileId}", "POST /api/v1/news/{id}/publish",
			// the demo campaign is published already (409)
			"POST /api/v1/campaigns/{id}/publish", "GET /publicity/campaigns/{id}/edit",
			// no such photo of the demonstration site (404)
			"GET /publicity/sites/{id}/photos/{fileId}",
			// no such evidence file of the allocation, no such plan version (404)
			"GET /funds/allocations/{id}/evidence/{fileId}", "GET /projects/{id}/plans/versions/{versionId}/file",
			// the demo contest is published: judging or publishing it again is 409; no such case file (404)
			"POST /api/v1/innovation-contests/{id}/judging", "POST /api/v1/innovation-contests/{id}/publish",
			"GET /innovation/cases/{caseId}/files/{fileId}",
			// without contestId: 400 naming it
			"GET /api/v1/innovation-cases");

	static final Map<String, Set<String>> PAGES = new LinkedHashMap<>();
	static {
		PAGES.put("GET /units", UNIT_READERS);
		PAGES.put("GET /units/{id}", UNIT_READERS);
		PAGES.put("GET /units/{id}/children", UNIT_READERS);
		PAGES.put("GET /units/parent-picker", Set.of(OFFICE));
		PAGES.put("GET /units/new", Set.of(OFFICE));
		PAGES.put("GET /units/import", Set.of(OFFICE));
		PAGES.put("GET /admin/users", USER_READERS);
		PAGES.put("GET /admin/roles", Set.of(SEC));
		PAGES.put("GET /audit", Set.of(AUD));
		PAGES.put("GET /account", EVERYONE);
		PAGES.put("GET /notifications", EVERYONE);
		PAGES.put("GET /battle-map", ASSIGNMENT_READERS);
		PAGES.put("GET /assignments", ASSIGNMENT_READERS);
		PAGES.put("GET /assignments/new", Set.of(OFFICE));
		PAGES.put("GET /assignments/{id}/edit", Set.of(OFFICE));
		PAGES.put("GET /assignments/unit-picker", Set.of(OFFICE));
		PAGES.put("GET /assignments/responsible", Set.of(OFFICE));
		PAGES.put("GET /archive", Set.of(OFFICE));
		PAGES.put("GET /reviews", Set.of(PROV, OFFICE));
		// inspections module pages (FieldPointPages, ChecklistPages; fieldpoint:read / write, checklist:write)
		PAGES.put("GET /inspections/points", POINT_READERS);
		PAGES.put("GET /inspections/points/{id}", POINT_READERS);
		PAGES.put("GET /inspections/points/new", Set.of(OFFICE));
		PAGES.put("GET /inspections/points/import", Set.of(OFFICE));
		PAGES.put("GET /inspections/points/import-template.xlsx", Set.of(OFFICE));
		PAGES.put("GET /inspections/points/export.xlsx", POINT_READERS);
		PAGES.put("GET /inspections/points/map.json", POINT_READERS);
		PAGES.put("GET /inspections/checklists", POINT_READERS);
		PAGES.put("GET /inspections/area", Set.of(OFFICE));
		// inspection plan pages (PlanPages)
		PAGES.put("GET /inspections/plans", POINT_READERS);
		PAGES.put("GET /inspections/plans/new", Set.of(OFFICE));
		PAGES.put("GET /inspections/plans/export.xlsx", POINT_READERS);
		PAGES.put("GET /inspections/plans/point-picker", Set.of(OFFICE));
		PAGES.put("GET /inspections/plans/{id}", POINT_READERS);
		PAGES.put("GET /inspections/plans/{id}/draw", Set.of(OFFICE));
		PAGES.put("GET /", EVERYONE);
		PAGES.put("GET /cities", UNIT_READERS);
		PAGES.put("GET /cities/{code}", Set.of(PROV, OFFICE, LEADER, INSPECTOR));
		// problems module pages (ProblemPages; problem:read / problem:write)
		PAGES.put("GET /problems", PROBLEM_READERS);
		PAGES.put("GET /problems/new", Set.of(OFFICE));
		PAGES.put("GET /problems/{id}", PROBLEM_READERS);
		PAGES.put("GET /problems/units", Set.of(OFFICE));
		PAGES.put("GET /problems/notices", PROBLEM_READERS);
		PAGES.put("GET /problems/notices/{id}", PROBLEM_READERS);
		PAGES.put("GET /problems/notices/new", Set.of(OFFICE));
		PAGES.put("GET /problems/lists", Set.of(PROV, OFFICE, LEADER));
		PAGES.put("GET /problems/export.xlsx", PROBLEM_READERS);
		PAGES.put("GET /problems/map.json", PROBLEM_READERS);
		PAGES.put("GET /problems/import", Set.of(OFFICE));
		PAGES.put("GET /problems/import-template.xlsx", Set.of(OFFICE));
		PAGES.put("GET /problems/statistics", Set.of(PROV, OFFICE, LEADER));
		PAGES.put("GET /problems/lists/published", PROBLEM_READERS);
		PAGES.put("GET /problems/settings", Set.of(OFFICE));
		PAGES.put("GET /problems/lists/published.xlsx", PROBLEM_READERS);
		// inspection records (InspectionPages; inspection:results, or inspection:submit for one's own)
		PAGES.put("GET /inspections/records", INSPECTION_READERS);
		PAGES.put("GET /inspections/records/{id}", INSPECTION_READERS);
		PAGES.put("GET /inspections/records/export.xlsx", INSPECTION_READERS);
		PAGES.put("GET /inspections/records/{id}/photos/{photoId}", INSPECTION_READERS);
		PAGES.put("GET /inspections/records/{id}/photos/{photoId}/thumbnail", INSPECTION_READERS);
		PAGES.put("GET /inspections/records/{id}/photos/{photoId}/original", Set.of(PROV, OFFICE));
		// the inspector's field pages (FieldWorkPages; inspection:submit): the city office and inspectors.
		// Their posts (the form, the phone's outbox) are in FieldWorkIntegrationTest, with CSRF.
		PAGES.put("GET /inspections/field", Set.of(OFFICE, INSPECTOR));
		PAGES.put("GET /inspections/field/plans/{planId}/points/{pointId}", Set.of(OFFICE, INSPECTOR));
		PAGES.put("GET /inspections/field/sw.js", Set.of(OFFICE, INSPECTOR));
		PAGES.put("GET /inspections/field/manifest.webmanifest", Set.of(OFFICE, INSPECTOR));
		PAGES.put("GET /inspections/field/token", Set.of(OFFICE, INSPECTOR));
		// inspection results pages (ResultPages, InspectionSettingsPages)
		PAGES.put("GET /inspections/results", Set.of(PROV, OFFICE));
		PAGES.put("GET /inspections/results.xlsx", Set.of(PROV, OFFICE));
		PAGES.put("GET /inspections/results/bulletin.pdf", Set.of(PROV, OFFICE));
		PAGES.put("GET /inspections/settings", Set.of(OFFICE));
		// citizen reports, the office's pages (ReportPages; participation:triage)
		PAGES.put("GET /participation/reports", Set.of(OFFICE));
		PAGES.put("GET /participation/reports/{id}", Set.of(OFFICE));
		PAGES.put("GET /participation/reports/new", Set.of(OFFICE));
		PAGES.put("GET /participation/reports/export.xlsx", Set.of(OFFICE));
		PAGES.put("GET /participation/settings", Set.of(OFFICE));
		// the exposure column's office pages (ExposurePages; exposure:publish, V46__exposure.sql)
		PAGES.put("GET /participation/exposure", Set.of(OFFICE));
		PAGES.put("GET /participation/exposure/problems/{problemId}", Set.of(OFFICE));
		// supervisors' opinions and opinion collection rounds (OpinionPages, RoundPages)
		PAGES.put("GET /participation/opinions", OPINION_READERS);
		PAGES.put("GET /participation/opinions/new", Set.of(SUPERVISOR));
		PAGES.put("GET /participation/opinions/{id}", OPINION_READERS);
		PAGES.put("GET /participation/opinions/duty", Set.of(OFFICE));
		PAGES.put("GET /participation/rounds", ROUND_READERS);
		PAGES.put("GET /participation/rounds/new", Set.of(OFFICE));
		PAGES.put("GET /participation/rounds/{id}", ROUND_READERS);
		PAGES.put("GET /participation/rounds/{id}/answers.xlsx", Set.of(OFFICE));
		// Open311 partner keys page (PartnerKeyPages; participation:triage)
		PAGES.put("GET /participation/partners", Set.of(OFFICE));
		// satisfaction survey pages (SurveyPages; survey:read / survey:manage)
		PAGES.put("GET /surveys", SURVEY_READERS);
		PAGES.put("GET /surveys/new", Set.of(OFFICE));
		PAGES.put("GET /surveys/{id}", SURVEY_READERS);
		PAGES.put("GET /surveys/{id}/posters.pdf", Set.of(OFFICE));
		PAGES.put("GET /surveys/{id}/results.xlsx", SURVEY_READERS);
		// evaluation pages (EvaluationPages; evaluation:read / evaluation:manage)
		PAGES.put("GET /evaluation/scores", EVALUATION_READERS);
		PAGES.put("GET /evaluation/periods", EVALUATION_READERS);
		PAGES.put("GET /evaluation/schemes", Set.of(PROV, OFFICE, LEADER));
		PAGES.put("GET /evaluation/schemes/{id}", Set.of(PROV, OFFICE, LEADER));
		PAGES.put("GET /evaluation/items", Set.of(OFFICE));
		PAGES.put("GET /evaluation/rewards", Set.of(PROV, OFFICE, LEADER));
		PAGES.put("GET /evaluation/rewards/results.xlsx", Set.of(PROV, OFFICE, LEADER));
		PAGES.put("GET /evaluation/index", Set.of(OFFICE));
		// the predicted score pages (PredictionPages; prediction:read / prediction:write)
		PAGES.put("GET /prediction", PREDICTION_READERS);
		PAGES.put("GET /prediction/inputs", Set.of(OFFICE));
		PAGES.put("GET /prediction/inputs/deductions/{id}", Set.of(OFFICE));
		// key project pages (ProjectPages; project:read / project:manage)
		PAGES.put("GET /command", COMMAND_READERS);
		PAGES.put("GET /care-teams", COMMAND_READERS);
		// the leader's area (T1): city leaders only
		PAGES.put("GET /leader/area", Set.of(LEADER));
		PAGES.put("GET /care-teams/{communityId}", COMMAND_READERS);
		PAGES.put("GET /projects", PROJECT_READERS);
		PAGES.put("GET /projects/new", Set.of(OFFICE));
		PAGES.put("GET /projects/export.xlsx", PROJECT_READERS);
		PAGES.put("GET /projects/{id}", PROJECT_READERS);
		PAGES.put("GET /projects/{id}/edit", Set.of(OFFICE));
		PAGES.put("GET /projects/{id}/evidence/{fileId}", PROJECT_READERS);
		PAGES.put("GET /projects/{id}/plans/versions/{versionId}/file", PROJECT_READERS);
		// creation fund pages (FundPages; fund:read)
		PAGES.put("GET /funds", FUND_READERS);
		PAGES.put("GET /funds/export.xlsx", FUND_READERS);
		PAGES.put("GET /funds/allocations/{id}", FUND_READERS);
		PAGES.put("GET /funds/allocations/{id}/evidence/{fileId}", FUND_READERS);
		PAGES.put("GET /meetings", PROJECT_READERS);
		PAGES.put("GET /meetings/{id}", PROJECT_READERS);
		// 404 until the minutes are issued, 200 after (LOOSE)
		PAGES.put("GET /meetings/{id}/minutes.pdf", PROJECT_READERS);
		PAGES.put("GET /publicity/compliance", PUBLICITY_READERS);
		PAGES.put("GET /publicity/compliance.xlsx", PUBLICITY_READERS);
		PAGES.put("GET /publicity/outlets", PUBLICITY_READERS);
		PAGES.put("GET /publicity/outlets/new", Set.of(OFFICE));
		PAGES.put("GET /publicity/outlets/{id}", PUBLICITY_READERS);
		PAGES.put("GET /publicity/outlets/{id}/evidence/{fileId}", PUBLICITY_READERS);
		PAGES.put("GET /publicity/news", PUBLICITY_READERS);
		PAGES.put("GET /publicity/news/new", PUBLICITY_REPORTERS);
		PAGES.put("GET /publicity/news/{id}", PUBLICITY_READERS);
		PAGES.put("GET /publicity/news/{id}/photos/{fileId}", PUBLICITY_READERS);
		// public campaign pages (CampaignPages); editing the published demo campaign is a 409 for the office (LOOSE)
		PAGES.put("GET /publicity/campaigns", PUBLICITY_READERS);
		PAGES.put("GET /publicity/campaigns/new", Set.of(OFFICE));
		PAGES.put("GET /publicity/campaigns/{id}", PUBLICITY_READERS);
		PAGES.put("GET /publicity/campaigns/{id}/edit", Set.of(OFFICE));
		PAGES.put("GET /publicity/campaigns/{id}/entries.xlsx", PUBLICITY_READERS);
		PAGES.put("GET /publicity/sites", PUBLICITY_READERS);
		PAGES.put("GET /publicity/sites.xlsx", PUBLICITY_READERS);
		PAGES.put("GET /publicity/sites/map.json", PUBLICITY_READERS);
		PAGES.put("GET /publicity/sites/new", Set.of(OFFICE));
		PAGES.put("GET /publicity/sites/{id}", PUBLICITY_READERS);
		PAGES.put("GET /publicity/sites/{id}/map.json", PUBLICITY_READERS);
		PAGES.put("GET /publicity/sites/{id}/edit", Set.of(OFFICE));
		PAGES.put("GET /publicity/sites/{id}/photos/{fileId}", PUBLICITY_READERS);
		// innovation contest pages (InnovationPages)
		PAGES.put("GET /innovation", INNOVATION_READERS);
		PAGES.put("GET /innovation/new", Set.of(OFFICE));
		PAGES.put("GET /innovation/{id}", INNOVATION_READERS);
		PAGES.put("GET /innovation/{id}/cases/new", Set.of(LIAISON, DEPT));
		PAGES.put("GET /innovation/cases/{caseId}", INNOVATION_READERS);
		PAGES.put("GET /innovation/cases/{caseId}/edit", Set.of(LIAISON, DEPT));
		PAGES.put("GET /innovation/cases/{caseId}/files/{fileId}", INNOVATION_READERS);
	}

	/** GET handlers anyone may open without signing in. */
	static final Set<String> PUBLIC_PAGES = Set.of("/login", "/login/throttled", "/error", "/language",
			"/public/results/{cityCode}/{period}", "/public/results/{cityCode}/{period}/bulletin.pdf",
			// published innovation case rankings (issue 12 §5)
			"/public/innovation/{cityCode}",
			// citizen reports (issue 11): the form, the confirmation, the follow page and the public API's reads
			"/public/reports/{cityCode}/new", "/public/reports/{cityCode}/{code}/sent", "/public/reports/{cityCode}/{code}",
			"/api/v1/public/{cityCode}/reports/challenge", "/api/v1/public/{cityCode}/reports/nearby",
			"/api/v1/public/reports/{code}", "/api/v1/public/reports/{code}/photos/{fileId}",
			"/api/v1/public/reports/{code}/photos/{fileId}/thumbnail",
			// the exposure column and the list and map of citizen reports (issue 11)
			"/public/exposure/{cityCode}", "/public/exposure/{cityCode}/{id}", "/public/exposure/{cityCode}/rss.xml",
			"/public/exposure/{cityCode}/{id}/photos/{photoId}", "/public/exposure/{cityCode}/{id}/photos/{photoId}/thumbnail",
			"/public/reports/{cityCode}", "/public/reports/{cityCode}/map.json",
			"/public/opinions/{cityCode}/{roundId}",
			// a window unit's survey answer page (AnswerPages, issue 10 §5): anonymous, rate-limited per address
			"/s/{token}",
			// published evaluation results (EvaluationPages; 404 before publication)
			"/public/evaluation/{cityCode}/{period}", "/public/evaluation/{cityCode}/{period}/bulletin.pdf",
			// the creation news column (PublicNewsPages, issue 12 §4): list, item, feed, public photo copies
			"/public/news/{cityCode}", "/public/news/{cityCode}/{id}", "/public/news/{cityCode}/rss.xml",
			"/public/news/{cityCode}/{id}/photos/{photoId}", "/public/news/{cityCode}/{id}/photos/{photoId}/thumbnail",
			// the public's way in (PublicPortalController): the cities, a city's pages for citizens
			"/public", "/public/{cityCode}",
			// public campaigns (PublicCampaignPages, issue 12 §4): the list and one campaign
			"/public/campaigns/{cityCode}", "/public/campaigns/{cityCode}/{id}",
			// named demonstration sites (PublicSitePages, issue 12 §4): list, map, one site, public photo copies
			"/public/sites/{cityCode}", "/public/sites/{cityCode}/map.json", "/public/sites/{cityCode}/{id}",
			"/public/sites/{cityCode}/{id}/map.json", "/public/sites/{cityCode}/{id}/photos/{photoId}",
			"/public/sites/{cityCode}/{id}/photos/{photoId}/thumbnail",
			// the civilization index's public page (IndexPages; 404 for a city without an index)
			"/public/index/{cityCode}",
			// Open311 GeoReport v2 (Open311Api): anonymous by the spec; only a POST needs a partner key
			"/open311/v2/discovery.{format}", "/open311/v2/services.{format}", "/open311/v2/services/{code}.{format}",
			"/open311/v2/requests.{format}", "/open311/v2/requests/{id}.{format}", "/open311/v2/tokens/{token}.{format}",
			"/open311/v2/**");

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Autowired
	Logins logins;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSource messages;

	@Autowired
	Units units;

	@Autowired
	Assignments assignments;

	@Autowired
	ProgressReports reports;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	OrgFixtures fixtures;

	@Autowired
	Inspections inspections;

	@Autowired
	java.time.Clock clock;

	@Autowired
	ReviewFixtures reviews;

	/** "METHOD /pattern" of every handler. */
	private Set<String> handlers() {
		Set<String> all = new TreeSet<>();
		for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (methods.isEmpty()) {
					all.add("ANY " + pattern);
				}
				for (RequestMethod m : methods) {
					all.add(m.name() + " " + pattern);
				}
			}
		}
		return all;
	}

	@Test
	void everyApiEndpointHasARowAndEveryRowAnEndpoint() {
		Set<String> api = new TreeSet<>(handlers().stream().filter(h -> h.split(" ")[1].startsWith("/api/")).toList());
		assertThat(api).as("API endpoints without a row in EndpointRoleMatrixTest.API: decide who may call them")
			.isSubsetOf(API.keySet());
		assertThat(API.keySet()).as("rows for endpoints that no longer exist").isSubsetOf(api);
		assertThat(handlers()).as("the pages of the table exist").containsAll(PAGES.keySet());
	}

	@Test
	void everyRoleGetsExactlyWhatTheTableSays() throws Exception {
		SoftAssertions softly = new SoftAssertions();
		Map<String, Set<String>> table = new LinkedHashMap<>(API);
		table.putAll(PAGES);
		for (var row : table.entrySet()) {
			if (row.getValue() == PUBLIC) {
				continue;
			}
			HttpMethod method = HttpMethod.valueOf(row.getKey().split(" ")[0]);
			String pattern = row.getKey().split(" ")[1];
			for (String account : ACCOUNTS) {
				boolean allowed = row.getValue().contains(account);
				int expected = !allowed ? 403 : method == HttpMethod.GET ? 200 : 400;
				MockHttpServletResponse response = mvc.perform(requestFor(row.getKey(), account).with(logins.as(account)))
					.andReturn()
					.getResponse();
				String what = row.getKey() + " by " + account;
				if (allowed && LOOSE.contains(row.getKey())) {
					softly.assertThat(response.getStatus()).as(what).isNotIn(401, 403).isLessThan(500);
				}
				else {
					softly.assertThat(response.getStatus()).as(what).isEqualTo(expected);
				}
			}
		}
		softly.assertAll();
	}

	@Test
	void theTokenEndpointIsOpenToAnyoneAndAnswersOnlyWithCredentials() throws Exception {
		String refused = messages.getMessage("api.error.token.refused", null, Locale.SIMPLIFIED_CHINESE);
		List<MockHttpServletRequestBuilder> callers = new ArrayList<>();
		callers.add(request(HttpMethod.POST, "/api/v1/auth/token"));
		for (String account : ACCOUNTS) {
			callers.add(request(HttpMethod.POST, "/api/v1/auth/token").with(logins.as(account)));
		}
		for (MockHttpServletRequestBuilder caller : callers) {
			MockHttpServletResponse response = mvc
				.perform(caller.contentType(MediaType.APPLICATION_JSON).content("{}"))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).isEqualTo(401);
			assertThat(response.getContentAsString()).contains(refused).doesNotContain("\"token\"");
		}
	}

	@Test
	void anonymousCallersAreSentToTheLoginPageOrGet401() throws Exception {
		SoftAssertions softly = new SoftAssertions();
		Map<String, Set<String>> table = new LinkedHashMap<>(API);
		table.putAll(PAGES);
		for (var row : table.entrySet()) {
			if (row.getValue() == PUBLIC) {
				continue;
			}
			HttpMethod method = HttpMethod.valueOf(row.getKey().split(" ")[0]);
			String pattern = row.getKey().split(" ")[1];
			MockHttpServletResponse response = mvc.perform(requestFor(row.getKey(), OFFICE)).andReturn().getResponse();
			if (pattern.startsWith("/api/")) {
				softly.assertThat(response.getStatus()).as(row.getKey()).isEqualTo(401);
				softly.assertThat(response.getContentType()).as(row.getKey())
					.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			}
			else {
				softly.assertThat(response.getStatus()).as(row.getKey()).isEqualTo(302);
				softly.assertThat(response.getRedirectedUrl()).as(row.getKey()).endsWith("/login");
			}
		}
		softly.assertAll();
	}

	/**
	 * The review queue's inline decision (POST /reviews/{id}, report:review): only the city office,
	 * and only on its own city's reports; another city's report id is 404 and stays undecided. Bad
	 * input (a return without a reason) answers 400 and changes nothing.
	 */
	@Test
	void theReviewDecisionByEveryRoleAndAnotherCitysReportIsNotFound() throws Exception {
		var xiantao = reviews.community("xiantao");
		var tianmen = reviews.community("tianmen");
		long own = reviews.submit(xiantao, reviews.assign(xiantao).id(), 40, "仙桃");
		long other = reviews.submit(tianmen, reviews.assign(tianmen).id(), 40, "天门");
		SoftAssertions softly = new SoftAssertions();
		for (String account : ACCOUNTS) {
			int status = mvc.perform(post("/reviews/{id}", own).param("decision", "RETURN").with(csrf())
					.with(logins.as(account))).andReturn().getResponse().getStatus();
			softly.assertThat(status).as("POST /reviews/{id} by " + account).isEqualTo(account.equals(OFFICE) ? 400 : 403);
		}
		softly.assertThat(mvc.perform(post("/reviews/{id}", other).param("decision", "APPROVE").with(csrf())
				.with(logins.as(OFFICE))).andReturn().getResponse().getStatus()).as("another city's report").isEqualTo(404);
		softly.assertThat(mvc.perform(post("/reviews/{id}", other).param("decision", "APPROVE").with(csrf())
				.header("HX-Request", "true").with(logins.as(OFFICE))).andReturn().getResponse().getStatus())
			.as("another city's report, htmx").isEqualTo(404);
		softly.assertThat(mvc.perform(post("/reviews/{id}", Long.MAX_VALUE).param("decision", "APPROVE").with(csrf())
				.with(logins.as(OFFICE))).andReturn().getResponse().getStatus()).as("no such report").isEqualTo(404);
		softly.assertThat(reports.get(logins.principal("tianmen.office"), other).status())
			.isEqualTo(cn.chuangwen.tasks.ReportView.Status.SUBMITTED);
		softly.assertThat(reports.get(logins.principal(OFFICE), own).status())
			.isEqualTo(cn.chuangwen.tasks.ReportView.Status.SUBMITTED);
		softly.assertAll();
	}

	/** Deny by default: every GET handler of every module, except the public ones, needs a sign-in. */
	@Test
	void everyGetHandlerNeedsASignInUnlessListedAsPublic() throws Exception {
		SoftAssertions softly = new SoftAssertions();
		int checked = 0;
		for (String handler : handlers()) {
			String[] parts = handler.split(" ");
			if (!parts[0].equals("GET") && !parts[0].equals("ANY") || PUBLIC_PAGES.contains(parts[1])) {
				continue;
			}
			String path = parts[1].replaceAll("\\{[^}]*\\}", "1").replace("/**", "/x");
			checked++;
			MockHttpServletResponse response = mvc.perform(request(HttpMethod.GET, path)).andReturn().getResponse();
			if (path.startsWith("/api/")) {
				softly.assertThat(response.getStatus()).as(handler).isEqualTo(401);
			}
			else {
				softly.assertThat(response.getStatus()).as(handler).isEqualTo(302);
				softly.assertThat(response.getRedirectedUrl()).as(handler).endsWith("/login");
			}
		}
		softly.assertAll();
		assertThat(checked).as("GET handlers checked").isGreaterThan(25);
	}

	/**
	 * The request for a row: the id the account may see for {id}, an empty JSON object as the body,
	 * or an empty multipart form where the handler consumes one.
	 */
	private AbstractMockHttpServletRequestBuilder<?> requestFor(String row, String account) {
		HttpMethod method = HttpMethod.valueOf(row.split(" ")[0]);
		String pattern = row.split(" ")[1];
		var handler = mapping.getHandlerMethods()
			.entrySet()
			.stream()
			.filter(e -> e.getKey().getPatternValues().contains(pattern)
					&& e.getKey().getMethodsCondition().getMethods().contains(RequestMethod.valueOf(method.name())))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no handler for " + row));
		boolean multipart = handler.getKey().getConsumesCondition().getConsumableMediaTypes()
			.contains(MediaType.MULTIPART_FORM_DATA);
		AbstractMockHttpServletRequestBuilder<?> request = multipart
				? org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(method, pattern,
						variable(pattern, account))
				: request(method, pattern, variable(pattern, account)).contentType(MediaType.APPLICATION_JSON)
					.content("{}");
		// required query parameters get a value, so that the answer is about access, not a missing parameter
		for (var parameter : handler.getValue().getMethodParameters()) {
			var param = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
			if (param != null && param.required()
					&& param.defaultValue().equals(org.springframework.web.bind.annotation.ValueConstants.DEFAULT_NONE)
					&& !org.springframework.web.multipart.MultipartFile.class.isAssignableFrom(parameter.getParameterType())) {
				parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
				String name = param.name().isEmpty() ? parameter.getParameterName() : param.name();
				request.param(name, "1");
			}
		}
		return request;
	}

	/**
	 * A demo problem of xiantao the account may see: the inspector's are those it is asked to
	 * verify, a unit's those of its unit once dispatched; everyone else may take any.
	 */
	private long problemFor(String account) {
		String which = switch (account) {
			case INSPECTOR -> "p.verifier = 'xiantao.inspector'";
			case LIAISON, DEPT -> "p.unit_id = " + fixtures.unitOf(account) + " and p.state <> 'PENDING'";
			default -> "1 = 1";
		};
		return jdbc.sql("select min(p.id) from problem p join city c on c.id = p.city_id where c.code = 'xiantao' and "
				+ which).query(Long.class).single();
	}

	/** A demo field point of xiantao the account may see: a unit's are those of its unit and below. */
	private long pointFor(String account) {
		String which = account.equals(LIAISON) || account.equals(DEPT)
				? "u.path like '" + fixtures.path(fixtures.unitOf(account)) + "%'" : "1 = 1";
		return jdbc.sql("select min(f.id) from field_point f join unit u on u.id = f.unit_id join city c on c.id = f.city_id"
				+ " where c.code = 'xiantao' and " + which).query(Long.class).single();
	}

	/**
	 * The demo's open unannounced plan of xiantao, drawn at random for xiantao.inspector: the office
	 * and that inspector read it, every other account is told it does not exist (the LOOSE rows).
	 */
	private long planFor() {
		return jdbc.sql("""
				select min(p.id) from inspection_plan p join city c on c.id = p.city_id
				where c.code = 'xiantao' and p.kind = 'UNANNOUNCED' and p.seed is not null and exists (
				  select 1 from inspection_plan_inspector pi join app_user u on u.id = pi.user_id
				  where pi.plan_id = p.id and u.username = 'xiantao.inspector')""").query(Long.class).single();
	}

	private Long inspectionId;

	/**
	 * An inspection of xiantao every inspection reader may see: made by the inspector in an announced
	 * round (an open unannounced one would be the city office's secret).
	 */
	private long inspection() {
		if (inspectionId == null) {
			InspectionFixtures fx = new InspectionFixtures(jdbc);
			InspectionFixtures.Point p = fx.points("xiantao", 50, 1).get(0);
			long plan = fx.plan("xiantao", PlanKind.ANNOUNCED, List.of(p), INSPECTOR);
			inspectionId = inspections.submit(logins.principal(INSPECTOR),
					new InspectionSubmission("matrix-" + UUID.randomUUID(), plan, p.id(), null, null, clock.instant(),
							p.items().stream().map(i -> new ItemAnswer(i.id(), ItemOutcome.OK, null, null)).toList()))
				.inspection()
				.id();
		}
		return inspectionId;
	}

	/**
	 * The plan and point of {@link #inspection()}, with the city office put on the plan too: a field
	 * form opens only for the plan's own inspectors (anyone else gets 404, never 403).
	 */
	private Object[] fieldForm() {
		long id = inspection();
		var row = jdbc.sql("select plan_id, field_point_id from inspection where id = :id").param("id", id)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2) })
			.single();
		jdbc.sql("insert into inspection_plan_inspector (plan_id, user_id) select :p, :u where not exists"
				+ " (select 1 from inspection_plan_inspector where plan_id = :p and user_id = :u)")
			.param("p", row[0])
			.param("u", fixtures.userId(OFFICE))
			.update();
		return row;
	}

	/** The id for a {id} path variable that the account may see, so allowed calls answer 200. */
	private Object[] variable(String pattern, String account) {
		if (!pattern.contains("{")) {
			return new Object[0];
		}
		if (pattern.startsWith("/api/v1/innovation-") || pattern.startsWith("/innovation/")) {
			// the demo's published contest of xiantao; a case of the account's own unit for a liaison
			long contest = jdbc.sql("select id from innovation_contest where title = '2026年度创文创新案例评选'")
				.query(Long.class).single();
			if (!pattern.startsWith("/api/v1/innovation-cases/") && !pattern.startsWith("/innovation/cases/")) {
				return new Object[] { contest };
			}
			String unit = account.equals(LIAISON) || account.equals(DEPT) ? " and unit_id = " + fixtures.unitOf(account) : "";
			long id = jdbc.sql("select min(id) from innovation_case where contest_id = " + contest + unit)
				.query(Long.class).single();
			return pattern.endsWith("/{fileId}") ? new Object[] { id, Long.MAX_VALUE } : new Object[] { id };
		}
		if (pattern.startsWith("/api/v1/demonstration-sites/") || pattern.startsWith("/publicity/sites/")) {
			// a named demo site of xiantao; no such photo of it
			long id = jdbc.sql("select min(s.id) from demonstration_site s join city c on c.id = s.city_id"
					+ " where c.code = 'xiantao' and s.state = 'NAMED'").query(Long.class).single();
			return pattern.endsWith("/{fileId}") ? new Object[] { id, Long.MAX_VALUE } : new Object[] { id };
		}
		if (pattern.contains("/photos/{photoId}") || pattern.contains("/files/{fileId}")) {
			return new Object[] { fixtures.cityRoot("xiantao"), 1L };
		}
		if (pattern.endsWith("/opinion-rounds/{id}/close")) {
			return new Object[] { Long.MAX_VALUE };
		}
		if (pattern.startsWith("/api/v1/supervisor-opinions/") || pattern.startsWith("/participation/opinions/")) {
			// an opinion of xiantao.supervisor (the demo's): its supervisor, the city's leaders and office see it
			return new Object[] { jdbc.sql("""
					select min(o.id) from supervisor_opinion o join app_user u on u.id = o.supervisor_id
					where u.username = 'xiantao.supervisor'""").query(Long.class).single() };
		}
		if (pattern.startsWith("/api/v1/opinion-rounds/") || pattern.startsWith("/participation/rounds/")) {
			return new Object[] { jdbc.sql("""
					select min(r.id) from opinion_round r join city c on c.id = r.city_id where c.code = 'xiantao'""")
				.query(Long.class).single() };
		}
		if (pattern.startsWith("/api/v1/meetings/") || pattern.startsWith("/meetings/")) {
			// the demo's latest joint meeting of xiantao: the units of xiantao.liaison and xiantao.dept attend
			return new Object[] { jdbc.sql("select max(j.id) from joint_meeting j join city c on c.id = j.city_id"
					+ " where c.code = 'xiantao' and j.title = '第六次创文联席会议'").query(Long.class).single() };
		}
		if (pattern.startsWith("/api/v1/projects/") || pattern.startsWith("/projects/")) {
			// a demo key project of xiantao the account reads: the propaganda department (xiantao.dept) leads
			// 公益广告提升, the sub-district of xiantao.liaison cooperates on 背街小巷改造
			long id = jdbc.sql("select id from key_project where name = :n")
				.param("n", DEPT.equals(account) ? "公益广告提升" : "背街小巷改造")
				.query(Long.class)
				.single();
			return pattern.endsWith("/{fileId}") || pattern.contains("{versionId}") ? new Object[] { id, Long.MAX_VALUE }
					: new Object[] { id };
		}
		if (pattern.startsWith("/api/v1/funds/allocations/") || pattern.startsWith("/funds/allocations/")) {
			// the demo's allocation to the unit of xiantao.dept for that account, else to the unit of xiantao.liaison
			long id = jdbc.sql("select max(a.id) from fund_allocation a join app_user u on u.unit_id = a.unit_id"
					+ " where u.username = :u").param("u", DEPT.equals(account) ? DEPT : LIAISON).query(Long.class).single();
			return pattern.endsWith("/{fileId}") ? new Object[] { id, Long.MAX_VALUE } : new Object[] { id };
		}
		if (pattern.startsWith("/api/v1/funds/increases/")) {
			// "{}" names no decision: 400 before the request is looked up
			return new Object[] { Long.MAX_VALUE };
		}
		if (pattern.startsWith("/api/v1/care-teams/") || pattern.startsWith("/care-teams/")) {
			// a community under xiantao.liaison's town (the department's liaison does not see it: 404)
			return new Object[] { jdbc.sql("select min(u.id) from unit u where u.kind = 'COMMUNITY' and u.parent_id = "
					+ fixtures.unitOf(LIAISON)).query(Long.class).single() };
		}
		if (pattern.startsWith("/api/v1/command-bodies/")) {
			// a demo task force of xiantao; no such member (the office's delete answers 404 and removes nothing)
			long id = jdbc.sql("select min(b.id) from command_body b join city c on c.id = b.city_id where c.code = 'xiantao'")
				.query(Long.class).single();
			return pattern.endsWith("/{memberId}") ? new Object[] { id, Long.MAX_VALUE } : new Object[] { id };
		}
		if (pattern.startsWith("/api/v1/media-outlets/") || pattern.startsWith("/publicity/outlets/")) {
			long id = jdbc.sql("select id from media_outlet where name = '仙桃日报'").query(Long.class).single();
			return pattern.endsWith("/{fileId}") ? new Object[] { id, Long.MAX_VALUE } : new Object[] { id };
		}
		if (pattern.startsWith("/api/v1/campaigns/") || pattern.startsWith("/publicity/campaigns/")) {
			long id = jdbc.sql("select id from public_campaign where title = '仙桃市民文明公约征集'").query(Long.class).single();
			return pattern.endsWith("/{entryId}/moderation") ? new Object[] { id, jdbc.sql(
					"select min(id) from public_campaign_entry where campaign_id = " + id).query(Long.class).single() }
					: new Object[] { id };
		}
		if (pattern.startsWith("/api/v1/news/") || pattern.startsWith("/publicity/news/")) {
			long id = jdbc.sql("select min(n.id) from publicity_news n join unit u on u.id = n.unit_id"
					+ " where u.code = 'XT-D01' and n.state = 'PUBLISHED'").query(Long.class).single();
			return pattern.endsWith("/{fileId}") ? new Object[] { id, Long.MAX_VALUE } : new Object[] { id };
		}
		if (pattern.startsWith("/api/v1/surveys/") || pattern.startsWith("/surveys/")) {
			// the demo's survey of xiantao: every survey reader of the city and the province see it
			return new Object[] { jdbc.sql("select min(s.id) from survey s join city c on c.id = s.city_id"
					+ " where c.code = 'xiantao'").query(Long.class).single() };
		}
		if (pattern.startsWith("/inspections/field/plans/")) {
			return fieldForm();
		}
		if (pattern.startsWith("/inspections/records/") || pattern.startsWith("/api/v1/inspections/")) {
			return new Object[] { inspection() };
		}
		if (pattern.contains("/citizen-reports/") || pattern.startsWith("/participation/reports/")) {
			// a demo report of xiantao already answered: the answers then change nothing
			return new Object[] { jdbc.sql("select min(r.id) from citizen_report r join city c on c.id = r.city_id"
					+ " where c.code = 'xiantao' and r.state <> 'RECEIVED'").query(Long.class).single() };
		}
		if (pattern.startsWith("/api/v1/periods/{code}") || pattern.startsWith("/api/v1/evaluation-periods/{code}")) {
			// not a period code: the office's close and reopen answer 400 and close nothing
			return new Object[] { "not-a-period" };
		}
		if (pattern.startsWith("/api/v1/score-schemes/") || pattern.startsWith("/evaluation/schemes/")) {
			return new Object[] { jdbc.sql("""
					select min(s.id) from evaluation_scheme s join city c on c.id = s.city_id where c.code = 'xiantao'""")
				.query(Long.class).single() };
		}
		if (pattern.startsWith("/api/v1/open311-keys/")) {
			return new Object[] { Long.MAX_VALUE };
		}
		if (pattern.startsWith("/cities/")) {
			return new Object[] { "xiantao" };
		}
		if (pattern.startsWith("/problems/") || pattern.startsWith("/participation/exposure/problems/")) {
			return new Object[] { problemFor(account) };
		}
		if (pattern.endsWith("/inspection-plans/{id}/close")) {
			// no such plan: the office's close answers 404 and the demo's open round stays open
			return new Object[] { Long.MAX_VALUE };
		}
		if (pattern.contains("/inspection-plans/") || pattern.startsWith("/inspections/plans/")) {
			return new Object[] { planFor() };
		}
		if (pattern.contains("/field-points/") || pattern.startsWith("/inspections/points/")) {
			return new Object[] { pointFor(account) };
		}
		if (pattern.contains("/users/")) {
			return new Object[] { fixtures.userId(account) };
		}
		if (account.equals(LIAISON) || account.equals(DEPT)) {
			return new Object[] { fixtures.unitOf(account) };
		}
		return new Object[] { fixtures.cityRoot("xiantao") };
	}

}
