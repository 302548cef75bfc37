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
import cn.chuangwen.projects.PlanView;
import cn.chuangwen.projects.Plans;
import cn.chuangwen.projects.Projects;

/**
 * The demo's plans (方案): Xiantao's 背街小巷改造 has its 实施方案 in two versions, the first approved by
 * the city leader, the second waiting; 公厕革命 has one approved. Through the services, so traced. Once.
 */
@Component
@Order(99)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class ProjectPlanDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ProjectPlanDemoData.class);

	private final Plans plans;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	ProjectPlanDemoData(Plans plans, Accounts accounts, JdbcClient jdbc, TransactionTemplate tx) {
		this.plans = plans;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		CurrentUser office = user("xiantao.office");
		CurrentUser leader = user("xiantao.leader");
		List<Long> lanes = jdbc.sql("select id from key_project where name = '背街小巷改造'").query(Long.class).list();
		List<Long> toilets = jdbc.sql("select id from key_project where name = '公厕革命'").query(Long.class).list();
		if (office == null || leader == null || lanes.isEmpty() || toilets.isEmpty()
				|| jdbc.sql("select count(*) from project_plan").query(Long.class).single() > 0) {
			return;
		}
		byte[] scan = ProjectDemoData.invoice();
		tx.executeWithoutResult(st -> {
			approve(leader, lanes.get(0), upload(office, lanes.get(0), "实施方案", "初稿", scan), "同意按此方案实施");
			upload(office, lanes.get(0), "实施方案", "增加 12 条小巷的照明改造", scan);
			approve(leader, toilets.get(0), upload(office, toilets.get(0), "建设方案", null, scan), "同意");
		});
		log.info("Demo key project plans: 2 plans, 3 versions");
	}

	private long upload(CurrentUser office, long project, String name, String note, byte[] scan) {
		PlanView plan = plans.upload(office, project, name, note,
				List.of(new Upload(name + ".png", new ByteArrayInputStream(scan))));
		return plan.versions().get(0).id();
	}

	private void approve(CurrentUser leader, long project, long version, String note) {
		plans.decide(leader, project, version, "APPROVED", note);
	}

	private CurrentUser user(String username) {
		return jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.optional()
			.map(accounts::principal)
			.orElse(null);
	}

}
