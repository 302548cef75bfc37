package cn.chuangwen.documents.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.chuangwen.documents.ResponsibilityLetters;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.InvalidInputException;

/**
 * The demo's responsibility letters (责任状, T9): Tianmen's office issues this year's letter to
 * each of its towns (镇办) that has assignments due this year, as the office would on the letters
 * page, so that Tianmen's yearly settlement can weigh the letters' targets (LETTER_TARGETS). After
 * the assignments (order 30), before the evaluation (order 90); once: a town with a letter of the
 * year gets none.
 */
@Component
@Order(35)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class LetterDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(LetterDemoData.class);

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final ResponsibilityLetters letters;

	private final LetterStore store;

	private final Cities cities;

	private final Units units;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final Clock clock;

	LetterDemoData(ResponsibilityLetters letters, LetterStore store, Cities cities, Units units, Accounts accounts,
			JdbcClient jdbc, Clock clock) {
		this.letters = letters;
		this.store = store;
		this.cities = cities;
		this.units = units;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (cities.byCode("tianmen").isEmpty()) {
			return;
		}
		CurrentUser office = accounts.principal(jdbc.sql("select id from app_user where username = 'tianmen.office'")
			.query(Long.class).single());
		int year = LocalDate.now(clock.withZone(ZONE)).getYear();
		int issued = 0;
		for (UnitView town : units.search(DataScope.all(), new UnitQuery("tianmen", null, null, true, null), 100_000)) {
			if (!"镇办".equals(town.rankingGroup()) || store.findByUnitAndYear(town.id(), year).isPresent()) {
				continue;
			}
			try {
				letters.issue(office, town.id(), year);
				issued++;
			}
			catch (InvalidInputException ex) {
				// no assignment due this year: no letter, as the office's page would say
			}
		}
		log.info("Demo responsibility letters of {} in tianmen: {} issued", year, issued);
	}

}
