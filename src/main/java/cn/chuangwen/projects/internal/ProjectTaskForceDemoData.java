package cn.chuangwen.projects.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CommandBody;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.projects.Projects;

/**
 * The demo's task forces on their projects: each of Xiantao's key projects names the task force
 * (专班) the command structure's demo made for it ("背街小巷改造专班", {@code CommandDemoData},
 * order 98). Through the service, so traced. Once: a city whose projects name one is left alone.
 */
@Component
@Order(99)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class ProjectTaskForceDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ProjectTaskForceDemoData.class);

	private final Projects projects;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	ProjectTaskForceDemoData(Projects projects, Accounts accounts, JdbcClient jdbc) {
		this.projects = projects;
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<Long> office = jdbc.sql("select id from app_user where username = 'xiantao.office'").query(Long.class).list();
		if (office.isEmpty() || jdbc.sql("""
				select count(*) from key_project p join city c on c.id = p.city_id
				where c.code = 'xiantao' and p.task_force_id is not null""").query(Long.class).single() > 0) {
			return;
		}
		CurrentUser user = accounts.principal(office.get(0));
		List<CommandBody> forces = projects.taskForceChoices(user);
		int linked = 0;
		for (Object[] p : jdbc.sql("""
				select p.id, p.name from key_project p join city c on c.id = p.city_id where c.code = 'xiantao' order by p.id""")
			.query((rs, i) -> new Object[] { rs.getLong(1), rs.getString(2) })
			.list()) {
			String name = p[1] + "专班";
			for (CommandBody force : forces) {
				if (force.name().equals(name)) {
					projects.setTaskForce(user, (Long) p[0], force.id());
					linked++;
				}
			}
		}
		log.info("Demo task forces named on xiantao's key projects: {}", linked);
	}

}
