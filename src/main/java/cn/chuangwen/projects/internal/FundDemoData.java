package cn.chuangwen.projects.internal;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.files.Upload;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.projects.FundAllocation;
import cn.chuangwen.projects.Funds;
import cn.chuangwen.projects.Projects;

/**
 * The demo's creation funds (T4), entered through the service the office uses: a budget of the year
 * per city (Xiantao's holds its key projects' allocations, ProjectDemoData), allocations to the
 * demo liaisons' units and one more department, spending with an invoice scan — Xiantao's liaison
 * unit past 90 % with an increase waiting for the leader. Once: a city with a unit allocation gets none.
 */
@Component
@Order(99)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class FundDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FundDemoData.class);

	/** city code, budget of the year (yuan), allocation to the town liaison's unit, to the department's. */
	record Seed(String city, String budget, String town, String dept) {
	}

	static final List<Seed> SEEDS = List.of(new Seed("xiantao", ProjectDemoData.XIANTAO_BUDGET, "500000", "800000"),
			new Seed("tianmen", "30000000", "600000", "1200000"), new Seed("qianjiang", "20000000", "400000", "900000"));

	private final Funds funds;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	FundDemoData(Funds funds, Accounts accounts, JdbcClient jdbc, TransactionTemplate tx) {
		this.funds = funds;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		byte[] invoice = ProjectDemoData.invoice();
		int cities = 0;
		for (Seed s : SEEDS) {
			CurrentUser office = user(s.city() + ".office");
			Long town = unitOf(s.city() + ".liaison");
			Long dept = unitOf(s.city() + ".dept");
			if (office == null || town == null || dept == null || jdbc.sql(
					"select count(*) from fund_allocation where city_id = :c and unit_id is not null")
				.param("c", office.cityId()).query(Long.class).single() > 0) {
				continue;
			}
			String year = String.valueOf(funds.year());
			tx.executeWithoutResult(st -> {
				if (funds.year(office, year).budget() == null) {
					funds.setBudget(office, year, s.budget());
				}
				FundAllocation t = funds.allocate(office, year, null, town, s.town(), "镇办创建经费");
				FundAllocation d = funds.allocate(office, year, null, dept, s.dept(), "部门创建经费");
				spend(office, d.id(), "200000", invoice);
				// the town's allocation passes 90 % (92 %) and waits for an increase
				spend(office, t.id(), new java.math.BigDecimal(s.town()).multiply(new java.math.BigDecimal("0.92"))
					.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(), invoice);
				if ("xiantao".equals(s.city())) {
					funds.requestIncrease(office, t.id(), "100000", "背街小巷改造配套的路灯和垃圾桶超出原计划，申请追加");
				}
			});
			cities++;
		}
		if (cities > 0) {
			log.info("Demo creation funds loaded for {} cities", cities);
		}
	}

	private void spend(CurrentUser office, long allocationId, String amount, byte[] invoice) {
		funds.addSpending(office, allocationId, new Funds.Entry(amount, "工程款（发票）", null,
				List.of(new Upload("invoice-" + allocationId + ".png", new ByteArrayInputStream(invoice)))));
	}

	private CurrentUser user(String username) {
		return jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.optional()
			.map(accounts::principal)
			.orElse(null);
	}

	private Long unitOf(String username) {
		return jdbc.sql("select unit_id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

}
