package cn.chuangwen.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.evaluation.internal.EvaluationStore;
import cn.chuangwen.evaluation.internal.RewardStore;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.PeriodCode;

/**
 * Rewards and consequences (issue 10 §1): closing a period proposes, by the city's rules for its kind
 * and each ranking group, a reward for each rewarded rank and the consequence for the bottom N ranked
 * units; the office confirms each with a reason. A reward's confirmation that would take the year's
 * confirmed amounts beyond the budget is refused (400 naming the budget, what is used and the amount).
 * Reopening a period withdraws its open proposals; once one is confirmed, the period is not reopened.
 */
@Service
public class Rewards {

	public static final int MAX_REASON = 1000;

	/** A year's rewards: the budget (null: none set), the confirmed amounts, and every proposal. */
	public record Overview(int year, BigDecimal budget, BigDecimal used, List<Proposal> proposals) {

		public BigDecimal remaining() {
			return budget == null ? null : budget.subtract(used);
		}

	}

	private final RewardStore store;

	private final EvaluationStore stores;

	private final EvaluationAccess access;

	private final AuditTrail audit;

	Rewards(RewardStore store, EvaluationStore stores, EvaluationAccess access, AuditTrail audit) {
		this.store = store;
		this.stores = stores;
		this.access = access;
		this.audit = audit;
	}

	/** The year's rewards of the city (office, leaders, province); without a year, this year. */
	@Transactional(readOnly = true)
	public Overview year(CurrentUser user, String cityCode, Integer year) {
		CityView city = access.readWhole(user, cityCode);
		int y = year == null ? access.today().getYear() : year;
		if (y < PeriodCode.MIN_YEAR || y > PeriodCode.MAX_YEAR) {
			throw new InvalidInputException(FieldProblem.of("year", "evaluation.error.year"));
		}
		return new Overview(y, store.budget(city.id(), y).orElse(null), store.used(city.id(), y),
				store.proposals(city.id(), y));
	}

	/**
	 * The year-end file (T9): every unit's frozen results of the year's closed periods, with the
	 * rewards and consequences confirmed for it, as an Excel workbook (labels in Chinese like the
	 * printouts). For whole-city readers.
	 */
	@Transactional(readOnly = true)
	public void writeYear(CurrentUser user, String cityCode, int year, java.io.OutputStream out) throws java.io.IOException {
		CityView city = access.readWhole(user, cityCode);
		java.util.Map<String, List<Proposal>> confirmed = new java.util.HashMap<>();
		store.proposals(city.id(), year)
			.stream()
			.filter(p -> "CONFIRMED".equals(p.state()))
			.forEach(p -> confirmed.computeIfAbsent(p.period() + "/" + p.unit().id(), k -> new java.util.ArrayList<>()).add(p));
		try (org.apache.poi.xssf.streaming.SXSSFWorkbook workbook = new org.apache.poi.xssf.streaming.SXSSFWorkbook(200)) {
			org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet(String.valueOf(year));
			String[] columns = { "排名分组", "单位编码", "单位", "周期", "总分", "名次", "等次", "样本不足", "确认奖励（元）", "确认处理" };
			org.apache.poi.ss.usermodel.Row header = sheet.createRow(0);
			for (int c = 0; c < columns.length; c++) {
				header.createCell(c).setCellValue(columns[c]);
				sheet.setColumnWidth(c, (c == 2 || c == 9 ? 28 : 12) * 256);
			}
			int r = 1;
			for (EvaluationStore.YearLine y : stores.frozenOfYear(city.id(), year)) {
				ScoreLine l = y.line();
				org.apache.poi.ss.usermodel.Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(l.rankingGroup());
				row.createCell(1).setCellValue(l.unitCode());
				row.createCell(2).setCellValue(l.unitName());
				row.createCell(3).setCellValue(y.period());
				if (l.total() != null) {
					row.createCell(4).setCellValue(l.total().doubleValue());
				}
				if (l.rank() != null) {
					row.createCell(5).setCellValue(l.rank());
				}
				row.createCell(6).setCellValue(l.band() == null ? "" : l.band().name());
				row.createCell(7).setCellValue(l.sampleTooSmall() ? "是" : "");
				List<Proposal> decided = confirmed.getOrDefault(y.period() + "/" + l.unitId(), List.of());
				BigDecimal amount = decided.stream().filter(Proposal::reward).map(Proposal::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
				if (amount.signum() > 0) {
					row.createCell(8).setCellValue(amount.doubleValue());
				}
				row.createCell(9).setCellValue(String.join("；",
						decided.stream().filter(p -> !p.reward()).map(Proposal::consequence).toList()));
			}
			workbook.write(out);
		}
	}

	/** Proposes the period's rewards and consequences from its frozen lines (in the closing transaction). */
	void propose(CityView city, long periodId, PeriodCode period, Map<String, List<ScoreLine>> byGroup) {
		Instant now = access.clock().instant();
		int year = period.start().getYear();
		for (RewardRule rule : store.rules(city.id(), period.kind())) {
			List<ScoreLine> ranked = byGroup.getOrDefault(rule.rankingGroup(), List.of())
				.stream()
				.filter(l -> l.rank() != null)
				.sorted(Comparator.comparing(ScoreLine::rank))
				.toList();
			if (rule.reward()) {
				ranked.stream()
					.filter(l -> l.rank().equals(rule.rank()))
					.forEach(l -> store.insert(city.id(), periodId, new Proposal(0, period.text(), year, true,
							unit(l), rule.amount(), null, "PROPOSED", null, 0), now));
			}
			else if (rule.bottomN() != null && rule.bottomN() > 0) {
				ranked.subList(Math.max(0, ranked.size() - rule.bottomN()), ranked.size())
					.forEach(l -> store.insert(city.id(), periodId, new Proposal(0, period.text(), year, false,
							unit(l), null, rule.consequence(), "PROPOSED", null, 0), now));
			}
		}
	}

	/** Before a reopening: 409 when a proposal of the period is confirmed, else its open ones are withdrawn. */
	void withdraw(long periodId, String code, CurrentUser user, String reason) {
		if (store.confirmed(periodId) > 0) {
			throw new ConflictException("evaluation.error.confirmedRewards", code);
		}
		store.withdraw(periodId, access.clock().instant(), user.username(), reason);
	}

	/**
	 * Confirms a proposal with a reason (400 without); 409 unless it is proposed; a reward beyond the
	 * year's remaining budget (or with no budget set) is 400 with the figures.
	 */
	@Transactional
	public Proposal confirm(CurrentUser user, long id, String reason, Integer version) {
		CityView city = access.manage(user);
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty() || why.length() > MAX_REASON) {
			throw new InvalidInputException(FieldProblem.of("reason", "evaluation.error.reason", MAX_REASON));
		}
		Proposal p = store.proposal(city.id(), id).orElseThrow(() -> new NotFoundException("evaluation_proposal", id));
		if (!p.proposed()) {
			throw new ConflictException("evaluation.error.decided", p.unit().name());
		}
		if (p.reward()) {
			BigDecimal budget = store.lockBudget(city.id(), p.year()).orElse(null);
			BigDecimal used = store.used(city.id(), p.year());
			if (budget == null) {
				throw new InvalidInputException(FieldProblem.of("amount", "evaluation.error.noBudget", p.year()));
			}
			if (used.add(p.amount()).compareTo(budget) > 0) {
				throw new InvalidInputException(FieldProblem.of("amount", "evaluation.error.overBudget", yuan(budget),
						yuan(used), yuan(p.amount()), yuan(budget.subtract(used))));
			}
		}
		if (!store.confirm(id, version == null ? p.version() : version, access.clock().instant(), user.username(), why)) {
			throw new ConflictException("error.conflict");
		}
		audit.record(AuditEntry.of("EVALUATION_PROPOSAL_CONFIRM")
			.city(city.id())
			.object("evaluation_proposal", id)
			.reason(why)
			.change("period", null, p.period())
			.change("unit", null, p.unit().name())
			.change(p.reward() ? "amount" : "consequence", null, p.reward() ? yuan(p.amount()) : p.consequence())
			.change("state", "PROPOSED", "CONFIRMED"));
		return store.proposal(city.id(), id).orElseThrow();
	}

	/** A reward or consequence rule of the city, with its id (to remove it). */
	public record RuleView(long id, RewardRule rule) {
	}

	/** The most a budget may be (numeric(14,2)). */
	static final BigDecimal MAX_BUDGET = new BigDecimal("999999999999.99");

	/** The most a reward may be (numeric(12,2)). */
	static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");

	public static final int MAX_GROUP = 64;

	public static final int MAX_CONSEQUENCE = 200;

	public static final int MAX_RANK = 1000;

	/** The city's reward and consequence rules (office, leaders, province), by period kind and group. */
	@Transactional(readOnly = true)
	public List<RuleView> rules(CurrentUser user, String cityCode) {
		CityView city = access.readWhole(user, cityCode);
		return store.allRules(city.id()).stream().map(r -> new RuleView(r.id(), r.rule())).toList();
	}

	/**
	 * Sets the office's city's budget of a year: 400 for a year out of range, no amount, a negative one,
	 * one with more than 2 decimals, and one below what confirmed rewards of the year already use
	 * (naming both figures). Traced with the amount before and after.
	 */
	@Transactional
	public void setBudget(CurrentUser user, Integer year, BigDecimal amount) {
		CityView city = access.manage(user);
		List<FieldProblem> problems = new java.util.ArrayList<>();
		if (year == null || year < PeriodCode.MIN_YEAR || year > PeriodCode.MAX_YEAR) {
			problems.add(FieldProblem.of("year", "evaluation.error.year"));
		}
		if (amount == null || amount.signum() < 0 || amount.scale() > 2 || amount.compareTo(MAX_BUDGET) > 0) {
			problems.add(FieldProblem.of("amount", "evaluation.error.budgetAmount"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		// the budget row is locked like a confirmation locks it: what is used cannot grow meanwhile
		BigDecimal before = store.lockBudget(city.id(), year).orElse(null);
		BigDecimal used = store.used(city.id(), year);
		if (amount.compareTo(used) < 0) {
			throw new InvalidInputException(FieldProblem.of("amount", "evaluation.error.budgetBelowUsed", yuan(amount),
					yuan(used), year));
		}
		if (before != null && before.compareTo(amount) == 0) {
			return;
		}
		store.setBudget(city.id(), year, amount);
		audit.record(AuditEntry.of("EVALUATION_BUDGET_SET")
			.city(city.id())
			.object("evaluation_budget", year)
			.change("year", null, year)
			.change("amount", before == null ? null : yuan(before), yuan(amount)));
	}

	/** Adds a reward or consequence rule to the office's city (the demo; traced). */
	@Transactional
	public RuleView addRule(CurrentUser user, RewardRule rule) {
		return addRule(user, rule.periodKind() == null ? null : rule.periodKind().name(), rule.rankingGroup(),
				rule.reward() ? "REWARD" : "CONSEQUENCE", rule.rank(), rule.amount(), rule.bottomN(), rule.consequence());
	}

	/**
	 * Adds a rule to the office's city, as entered: a reward ({@code kind} REWARD) of {@code amount}
	 * yuan (0 or more, 2 decimals at most) for rank {@code rank} (1 or more) of the group; or a
	 * consequence (CONSEQUENCE, text required) for the group's bottom {@code bottomN} (1 or more)
	 * ranked units. 400 naming every bad field; traced. The next closing of a period of the kind
	 * proposes by it; periods closed already keep their proposals.
	 */
	@Transactional
	public RuleView addRule(CurrentUser user, String periodKind, String rankingGroup, String kind, Integer rank,
			BigDecimal amount, Integer bottomN, String consequence) {
		CityView city = access.manage(user);
		List<FieldProblem> problems = new java.util.ArrayList<>();
		PeriodCode.Kind k = null;
		try {
			k = PeriodCode.Kind.valueOf(periodKind == null ? "" : periodKind.strip());
		}
		catch (IllegalArgumentException ex) {
			problems.add(FieldProblem.of("periodKind", "evaluation.error.periodKind"));
		}
		String group = rankingGroup == null ? "" : rankingGroup.strip();
		if (group.isEmpty() || group.length() > MAX_GROUP) {
			problems.add(FieldProblem.of("rankingGroup", "evaluation.error.ruleGroup", MAX_GROUP));
		}
		boolean reward = "REWARD".equals(kind);
		String text = consequence == null ? "" : consequence.strip();
		if (!reward && !"CONSEQUENCE".equals(kind)) {
			problems.add(FieldProblem.of("kind", "evaluation.error.ruleKind"));
		}
		else if (reward) {
			if (rank == null || rank < 1 || rank > MAX_RANK) {
				problems.add(FieldProblem.of("rank", "evaluation.error.ruleRank", String.valueOf(MAX_RANK)));
			}
			if (amount == null || amount.signum() < 0 || amount.scale() > 2 || amount.compareTo(MAX_AMOUNT) > 0) {
				problems.add(FieldProblem.of("amount", "evaluation.error.ruleAmount"));
			}
		}
		else {
			if (bottomN == null || bottomN < 1 || bottomN > MAX_RANK) {
				problems.add(FieldProblem.of("bottomN", "evaluation.error.ruleBottomN", String.valueOf(MAX_RANK)));
			}
			if (text.isEmpty() || text.length() > MAX_CONSEQUENCE) {
				problems.add(FieldProblem.of("consequence", "evaluation.error.ruleConsequence", MAX_CONSEQUENCE));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		RewardRule rule = reward ? new RewardRule(k, group, true, rank, amount, null, null)
				: new RewardRule(k, group, false, null, null, bottomN, text);
		long id = store.addRule(city.id(), rule);
		audit.record(AuditEntry.of("EVALUATION_REWARD_RULE_ADD")
			.city(city.id())
			.object("evaluation_reward_rule", id)
			.change("periodKind", null, k.name())
			.change("rankingGroup", null, group)
			.change("rule", null, describe(rule)));
		return new RuleView(id, rule);
	}

	/** Removes a rule of the office's city (404 for another city's or an unknown one); traced with what it was. */
	@Transactional
	public void removeRule(CurrentUser user, long id) {
		CityView city = access.manage(user);
		RewardRule rule = store.rule(city.id(), id)
			.orElseThrow(() -> new NotFoundException("evaluation_reward_rule", id))
			.rule();
		store.deleteRule(city.id(), id);
		audit.record(AuditEntry.of("EVALUATION_REWARD_RULE_REMOVE")
			.city(city.id())
			.object("evaluation_reward_rule", id)
			.change("periodKind", rule.periodKind().name(), null)
			.change("rankingGroup", rule.rankingGroup(), null)
			.change("rule", describe(rule), null));
	}

	private static String describe(RewardRule rule) {
		return rule.reward() ? "rank " + rule.rank() + ": " + yuan(rule.amount())
				: "bottom " + rule.bottomN() + ": " + rule.consequence();
	}

	static String yuan(BigDecimal amount) {
		return amount.setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
	}

	private static Proposal.Unit unit(ScoreLine l) {
		return new Proposal.Unit(l.unitId(), l.unitName(), l.rankingGroup(), l.rank());
	}

}
