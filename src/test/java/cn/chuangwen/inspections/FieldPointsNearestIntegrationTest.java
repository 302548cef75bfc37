package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.shared.GeoPoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FieldPoints#nearest}: the bounding box in SQL and the distance in Java give the same
 * answer as measuring every active point of the city (seeded random places around the demo's
 * points), and nothing beyond the distance or outside the city.
 */
@IntegrationTest
class FieldPointsNearestIntegrationTest {

	@Autowired
	FieldPoints points;

	@Autowired
	JdbcClient jdbc;

	record P(long id, GeoPoint place) {
	}

	@Test
	void theNearestActivePointAgreesWithMeasuringEveryPoint() {
		long city = jdbc.sql("select id from city where code = 'xiantao'").query(Long.class).single();
		List<P> all = jdbc.sql("select id, lat, lng from field_point where city_id = :c and active = true")
			.param("c", city)
			.query((rs, n) -> new P(rs.getLong(1), new GeoPoint(rs.getBigDecimal(2), rs.getBigDecimal(3))))
			.list();
		assertThat(all).isNotEmpty();
		Random random = new Random(20261201);
		int found = 0;
		for (int i = 0; i < 60; i++) {
			GeoPoint base = all.get(random.nextInt(all.size())).place();
			GeoPoint place = new GeoPoint(
					base.latitude().add(BigDecimal.valueOf((random.nextDouble() - 0.5) * 0.02)).setScale(6, RoundingMode.HALF_UP),
					base.longitude().add(BigDecimal.valueOf((random.nextDouble() - 0.5) * 0.02)).setScale(6, RoundingMode.HALF_UP));
			double metres = 50 + random.nextInt(1500);
			Optional<P> expected = all.stream()
				.filter(p -> place.metresTo(p.place()) <= metres)
				.min(Comparator.comparingDouble((P p) -> place.metresTo(p.place())).thenComparingLong(P::id));
			Optional<FieldPoints.NearbyPoint> actual = points.nearest(city, place, metres);
			assertThat(actual.map(n -> n.point().id())).as("place %s within %s m", place, metres)
				.isEqualTo(expected.map(P::id));
			actual.ifPresent(n -> assertThat(n.metres()).isLessThanOrEqualTo(metres));
			found += actual.isPresent() ? 1 : 0;
		}
		assertThat(found).as("places with a point near").isPositive();
		assertThat(points.nearest(city, all.get(0).place(), 0)).isEmpty();
		assertThat(points.nearest(city, GeoPoint.of(39.9042, 116.4074), 2000)).isEmpty();
		assertThat(points.nearest(city, null, 2000)).isEmpty();
	}

}
