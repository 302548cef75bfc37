package cn.chuangwen.indicators.internal;

import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.DataScope;

/**
 * Demo data: the sample national system, with two measurable targets, imported into every demo
 * city through the ordinary import, attributed to "system". Only into a database without systems.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
public class IndicatorDemoData implements ApplicationRunner {

	public static final String NAME = "全国文明城市测评体系 2021版 + 本市细则";

	public static final String RESOURCE = "demo/indicators-sample.csv";

	private static final Logger log = LoggerFactory.getLogger(IndicatorDemoData.class);

	private final IndicatorStore store;

	private final IndicatorImporter importer;

	private final Cities cities;

	private final TransactionTemplate tx;

	public IndicatorDemoData(IndicatorStore store, IndicatorImporter importer, Cities cities, TransactionTemplate tx) {
		this.store = store;
		this.importer = importer;
		this.cities = cities;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (store.countSystems() > 0) {
			return;
		}
		byte[] sample = sample();
		for (CityView city : cities.visible(DataScope.all())) {
			tx.executeWithoutResult(s -> importer.importInto(city.id(), "system", null, NAME, "indicators-sample.csv", sample));
		}
		log.info("Demo indicator systems loaded");
	}

	static byte[] sample() {
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException("demo data " + RESOURCE, ex);
		}
	}

}
