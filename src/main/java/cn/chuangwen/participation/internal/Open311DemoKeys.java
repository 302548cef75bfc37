package cn.chuangwen.participation.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.participation.PartnerKeys;

/**
 * One Open311 partner key per demo city with a fixed value printed in the README
 * ({@code demo-<city>-open311-key}), so anyone can try a POST at once. Runs once per city: a city
 * that has any key already is left alone. Real keys are issued on the office's page and never
 * written down anywhere but at the partner.
 */
@Component
@Order(78)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class Open311DemoKeys implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(Open311DemoKeys.class);

	static final String DEMO_PARTNER = "演示合作应用（城市随手拍 App）";

	static final String DEMO_CONTACT = "demo@example.org";

	static final int DEMO_PER_MINUTE = 600;

	private final Cities cities;

	private final PartnerKeys keys;

	private final PartnerKeyStore store;

	Open311DemoKeys(Cities cities, PartnerKeys keys, PartnerKeyStore store) {
		this.cities = cities;
		this.keys = keys;
		this.store = store;
	}

	/** The documented key of a demo city. */
	static String demoKey(String cityCode) {
		return "demo-" + cityCode + "-open311-key";
	}

	@Override
	public void run(ApplicationArguments args) {
		for (CityView city : cities.visible(DataScope.all())) {
			if (store.count(city.id()) == 0) {
				keys.register(city.id(), DEMO_PARTNER, DEMO_CONTACT, DEMO_PER_MINUTE, demoKey(city.code()), "demo");
				log.info("Open311 demo key for {}: {}", city.code(), demoKey(city.code()));
			}
		}
	}

}
