package cn.chuangwen.organization;

import java.util.List;

/** Permission strings, one per action; roles map to them in the role_permission table. */
public final class Permissions {

	public static final String UNIT_READ = "unit:read";

	public static final String UNIT_WRITE = "unit:write";

	public static final String UNIT_IMPORT = "unit:import";

	public static final String USER_READ = "user:read";

	public static final String USER_WRITE = "user:write";

	public static final String ROLE_ASSIGN = "role:assign";

	public static final String ROLE_EDIT = "role:edit";

	public static final String AUDIT_READ = "audit:read";

	public static final String AUDIT_VERIFY = "audit:verify";

	public static final String SYSTEM_MONITOR = "system:monitor";

	public static final String INSTRUCTION_WRITE = "instruction:write";

	public static final String INDICATOR_READ = "indicator:read";

	public static final String INDICATOR_WRITE = "indicator:write";

	public static final String ASSIGNMENT_READ = "assignment:read";

	public static final String ASSIGNMENT_WRITE = "assignment:write";

	public static final String REPORT_SUBMIT = "report:submit";

	public static final String REPORT_REVIEW = "report:review";

	/** Read the review queue (待审核): the city office for its city, the province across cities. */
	public static final String REPORT_QUEUE = "report:queue";

	public static final String ARCHIVE_EXPORT = "archive:export";

	/** Read problems (问题): the office and leaders their city, units their own, inspectors what they found or verify. */
	public static final String PROBLEM_READ = "problem:read";

	/** Enter, dispatch, re-route problems and change their deadlines: the city office. */
	public static final String PROBLEM_WRITE = "problem:write";

	/** Sign for, dispute and rectify the unit's problems: the unit's liaison. */
	public static final String PROBLEM_RECTIFY = "problem:rectify";

	/** Verify a rectification (pass or reject): the office and inspectors, never the unit that rectified. */
	public static final String PROBLEM_VERIFY = "problem:verify";

	/** Read field points (点位) and checklists: the office and province their cities, inspectors their city, a unit the points it is responsible for. */
	public static final String FIELDPOINT_READ = "fieldpoint:read";

	/** Enter, edit, import field points: the city office. */
	public static final String FIELDPOINT_WRITE = "fieldpoint:write";

	/** Import checklist (测评细则) versions: the city office. */
	public static final String CHECKLIST_WRITE = "checklist:write";

	/**
	 * Make, read and close inspection plans (检查计划), unannounced ones included: the city office.
	 * Without it a user sees only the plans it inspects for.
	 */
	public static final String INSPECTION_PLAN = "inspection:plan";

	/** Submit inspections of the points of a plan one is an inspector of: inspectors and the office. */
	public static final String INSPECTION_SUBMIT = "inspection:submit";

	/** Read inspection scores and rankings before they are published: the office and province. */
	public static final String INSPECTION_RESULTS = "inspection:results";

	/** Publish a period's inspection results and its bulletin (通报): the city office. */
	public static final String INSPECTION_PUBLISH = "inspection:publish";

	/**
	 * Read and triage citizen reports (随手拍, hotline, report box): accept, merge, reject, and enter
	 * hotline calls and report-box letters. The city office.
	 */
	public static final String PARTICIPATION_TRIAGE = "participation:triage";

	/** See and export a reporter's name and phone (PIPL): the city office; no public answer ever shows them. */
	public static final String PARTICIPATION_PERSONAL = "participation:personal";

	/** Publish problems on the exposure column (曝光台), edit and unpublish them: the city office. */
	public static final String EXPOSURE_PUBLISH = "exposure:publish";

	/** File opinions (意见) with photos and answer opinion collection rounds (征集): special supervisors. */
	public static final String OPINION_FILE = "opinion:file";

	/** Instruct (批示) supervisors' opinions of the city: city leaders. */
	public static final String OPINION_INSTRUCT = "opinion:instruct";

	/**
	 * Handle supervisors' opinions (the duty roster, a problem made of an instructed opinion, a
	 * decline) and run opinion collection rounds: the city office.
	 */
	public static final String OPINION_MANAGE = "opinion:manage";

	/**
	 * Read satisfaction surveys and their results (满意度测评): the office, leaders and the province
	 * their cities, a unit liaison its own units' links and results.
	 */
	public static final String SURVEY_READ = "survey:read";

	/** Build questionnaires, run and close survey rounds, set the city's minimum sample: the city office. */
	public static final String SURVEY_MANAGE = "survey:manage";

	/**
	 * Read evaluation periods, schemes and scores (考核): the office, leaders and the province the
	 * closed periods of a city; a unit only its own line of a published period.
	 */
	public static final String EVALUATION_READ = "evaluation:read";

	/** Edit score schemes, close and reopen periods, enter bonus and penalty items: the city office. */
	public static final String EVALUATION_MANAGE = "evaluation:manage";

	/** Read the predicted national score (预测得分): the office and leaders their city, the province any city. */
	public static final String PREDICTION_READ = "prediction:read";

	/** Enter the prediction's inputs (minors' sub-score, negative list, earlier years): the city office. */
	public static final String PREDICTION_WRITE = "prediction:write";

	/**
	 * Read key projects (重点项目): the office, leaders and the province their cities, a unit liaison
	 * the projects its unit leads or cooperates on.
	 */
	public static final String PROJECT_READ = "project:read";

	/** Create and edit key projects, link their work, enter spending: the city office. */
	public static final String PROJECT_MANAGE = "project:manage";

	/**
	 * Approve what needs a city leader's signature: increases of a creation fund allocation and the
	 * versions of a key project's plans (方案). Never one's own request.
	 */
	public static final String PROJECT_APPROVE = "project:approve";

	/**
	 * Read the creation funds (创建经费): the office and leaders their city's budget and allocations, a
	 * unit liaison its unit's allocations only.
	 */
	public static final String FUND_READ = "fund:read";

	/** Set the year's creation budget, allocate it, enter spending, ask for increases: the city office. */
	public static final String FUND_MANAGE = "fund:manage";

	/** Read the city's command structure (领导小组, 指挥部, 专班) and care teams (包保): everyone of the city. */
	public static final String COMMAND_READ = "command:read";

	/** Keep the command structure and set care teams: the city office. */
	public static final String COMMAND_MANAGE = "command:manage";
	/**
	 * Read media outlets, their monthly public-service-ad reports and compliance, and creation news:
	 * the office, leaders and the province their cities, a unit liaison its own unit's outlets and news.
	 */
	public static final String PUBLICITY_READ = "publicity:read";

	/** Report an outlet's month and submit news items for the own unit: unit liaisons. */
	public static final String PUBLICITY_REPORT = "publicity:report";

	/** Record media outlets and review (publish or return) news items: the city office. */
	public static final String PUBLICITY_MANAGE = "publicity:manage";

	/** Read innovation case contests (创新案例评选): the office, leaders, inspectors, the province; a unit its own cases. */
	public static final String INNOVATION_READ = "innovation:read";

	/** Run innovation contests (rubric, judges, judging, publication, bonus items): the city office. */
	public static final String INNOVATION_MANAGE = "innovation:manage";

	/** Submit and edit the unit's innovation cases: the unit's liaison. */
	public static final String INNOVATION_SUBMIT = "innovation:submit";

	/** Every permission the security administrator can grant, in display order. */
	public static final List<String> ALL = List.of(UNIT_READ, UNIT_WRITE, UNIT_IMPORT, USER_READ, USER_WRITE,
			ROLE_ASSIGN, ROLE_EDIT, AUDIT_READ, AUDIT_VERIFY, SYSTEM_MONITOR, INSTRUCTION_WRITE, INDICATOR_READ,
			INDICATOR_WRITE, ASSIGNMENT_READ, ASSIGNMENT_WRITE, REPORT_SUBMIT, REPORT_REVIEW, REPORT_QUEUE, ARCHIVE_EXPORT,
			PROBLEM_READ, PROBLEM_WRITE, PROBLEM_RECTIFY, PROBLEM_VERIFY, FIELDPOINT_READ, FIELDPOINT_WRITE,
			CHECKLIST_WRITE, INSPECTION_PLAN, INSPECTION_SUBMIT, INSPECTION_RESULTS, INSPECTION_PUBLISH,
			PARTICIPATION_TRIAGE, PARTICIPATION_PERSONAL, EXPOSURE_PUBLISH, OPINION_FILE, OPINION_INSTRUCT,
			OPINION_MANAGE, SURVEY_READ, SURVEY_MANAGE, EVALUATION_READ, EVALUATION_MANAGE, PREDICTION_READ,
			PREDICTION_WRITE, PROJECT_READ, PROJECT_MANAGE, PROJECT_APPROVE, FUND_READ, FUND_MANAGE, COMMAND_READ,
			COMMAND_MANAGE, PUBLICITY_READ, PUBLICITY_REPORT, PUBLICITY_MANAGE, INNOVATION_READ, INNOVATION_MANAGE,
			INNOVATION_SUBMIT);

	private Permissions() {
	}

}
