package cn.chuangwen.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Places: distances against known figures, boxes that hold every place within reach, and input checks. */
class GeoPointTest {

	static GeoPoint p(String lat, String lng) {
		return new GeoPoint(new BigDecimal(lat), new BigDecimal(lng));
	}

	// --- distance ---

	@ParameterizedTest
	@CsvSource({
			// Δlat 0.00045° on a meridian: 50 m (R·Δφ)
			"30.402, 112.899, 30.402450, 112.899, 50.0378",
			// Δlng 0.003128° at 30.4° N: 300 m east
			"30.402, 112.899, 30.402, 112.902128, 299.9918",
			// one degree on the equator, and half the world
			"0, 0, 0, 1, 111195.0802",
			"0, 0, 0, 180, 20015114.4420",
			// 天安门 to 人民广场 (Shanghai), about 1,068 km
			"39.908722, 116.397499, 31.230416, 121.473701, 1068140.9759",
			"30.402, 112.899, 30.402, 112.899, 0" })
	void haversineDistances(String lat1, String lng1, String lat2, String lng2, double metres) {
		GeoPoint a = p(lat1, lng1);
		GeoPoint b = p(lat2, lng2);
		assertThat(a.metresTo(b)).isCloseTo(metres, within(0.001));
		assertThat(b.metresTo(a)).isCloseTo(metres, within(0.001));
	}

	// --- bounding box ---

	/** The place {@code metres} away on {@code bearing} (degrees from north), on the same sphere, rounded as stored. */
	static GeoPoint destination(GeoPoint from, double bearing, double metres) {
		double d = metres / GeoPoint.EARTH_RADIUS_METRES;
		double lat1 = Math.toRadians(from.latitude().doubleValue());
		double lng1 = Math.toRadians(from.longitude().doubleValue());
		double theta = Math.toRadians(bearing);
		double lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(theta));
		double lng2 = lng1 + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(lat1),
				Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
		double lng = Math.toDegrees(lng2);
		lng = ((lng + 540) % 360) - 180;
		return GeoPoint.of(Math.toDegrees(lat2), lng);
	}

	@ParameterizedTest
	@CsvSource({ "30.402, 112.899, 50", "30.402, 112.899, 300", "0, 0, 300", "-45.5, -70.25, 1000", "60, 10, 5000",
			"84.9, 30, 20000", "-33.86, 151.21, 50", "30.402, 179.9999, 300", "89.9999, 0, 300", "-89.9995, 45, 300",
			"52, 13, 0" })
	void theBoxHoldsPlacesAtTheRadiusInAllEightDirections(String lat, String lng, double metres) {
		GeoPoint centre = p(lat, lng);
		GeoPoint.Box box = centre.box(metres);

		assertThat(box.contains(centre)).isTrue();
		for (int bearing = 0; bearing < 360; bearing += 45) {
			GeoPoint edge = destination(centre, bearing, metres);
			assertThat(edge.metresTo(centre)).as("bearing %d", bearing).isCloseTo(metres, within(0.2));
			assertThat(box.contains(edge)).as("%s at %d° from %s, box %s", edge, bearing, centre, box).isTrue();
		}
		assertThat(box.minLat()).isLessThanOrEqualTo(box.maxLat());
		assertThat(box.minLng()).isLessThanOrEqualTo(box.maxLng());
		assertThat(box.minLat().scale()).isEqualTo(6);
	}

	/**
	 * Far north the widest longitude of the circle is not due east but poleward of it, and wider
	 * than radius / cos(latitude): every bearing at the radius must still be inside.
	 */
	@ParameterizedTest
	@CsvSource({ "84.9, 30, 20000", "-80, -100, 50000", "70, 120, 100000", "30.402, 112.899, 300" })
	void theBoxHoldsEveryBearingAtTheRadius(String lat, String lng, double metres) {
		GeoPoint centre = p(lat, lng);
		GeoPoint.Box box = centre.box(metres);
		for (int tenth = 0; tenth < 3600; tenth++) {
			GeoPoint edge = destination(centre, tenth / 10.0, metres);
			assertThat(box.contains(edge)).as("%s at %.1f° from %s, box %s", edge, tenth / 10.0, centre, box).isTrue();
		}
	}

	@Test
	void theBoxHoldsEveryPlaceWithinReach() {
		Random random = new Random(20261130);
		for (int i = 0; i < 5_000; i++) {
			GeoPoint centre = GeoPoint.of(random.nextDouble() * 178 - 89, random.nextDouble() * 360 - 180);
			double radius = random.nextInt(4) == 0 ? random.nextDouble() * 50_000 : random.nextDouble() * 500;
			GeoPoint.Box box = centre.box(radius);
			GeoPoint inside = destination(centre, random.nextDouble() * 360, random.nextDouble() * radius);
			if (inside.metresTo(centre) <= radius) {
				assertThat(box.contains(inside)).as("%s within %.1f m of %s, box %s", inside, radius, centre, box)
					.isTrue();
			}
		}
	}

	@Test
	void theBoxIsTightAwayFromThePoles() {
		GeoPoint centre = p("30.402", "112.899");
		GeoPoint.Box box = centre.box(300);
		double latSpan = box.maxLat().subtract(box.minLat()).doubleValue();
		double lngSpan = box.maxLng().subtract(box.minLng()).doubleValue();
		double degrees = Math.toDegrees(300 / GeoPoint.EARTH_RADIUS_METRES);

		assertThat(latSpan).isCloseTo(2 * degrees, within(3e-6));
		assertThat(lngSpan).isCloseTo(2 * degrees / Math.cos(Math.toRadians(30.402)), within(3e-6));
		// A place 310 m north is outside: the box filters, it does not take everything.
		assertThat(box.contains(destination(centre, 0, 310))).isFalse();
		assertThat(box.contains(destination(centre, 90, 310))).isFalse();
	}

	@Test
	void nearAPoleOrAcrossTheDateLineTheBoxTakesEveryLongitude() {
		GeoPoint.Box polar = p("89.999", "10").box(300);
		assertThat(polar.maxLat()).isEqualByComparingTo("90");
		assertThat(polar.minLng()).isEqualByComparingTo("-180");
		assertThat(polar.maxLng()).isEqualByComparingTo("180");

		GeoPoint.Box dateLine = p("-16.5", "-179.999").box(1000);
		assertThat(dateLine.minLng()).isEqualByComparingTo("-180");
		assertThat(dateLine.maxLng()).isEqualByComparingTo("180");
		assertThat(dateLine.contains(p("-16.5", "179.999"))).isTrue();

		GeoPoint.Box world = p("0", "0").box(30_000_000);
		assertThat(world).isEqualTo(new GeoPoint.Box(new BigDecimal("-90.000000"), new BigDecimal("90.000000"),
				new BigDecimal("-180.000000"), new BigDecimal("180.000000")));
	}

	@Test
	void aNegativeOrUndefinedRadiusIsAProgrammingError() {
		GeoPoint centre = p("30", "112");
		assertThatThrownBy(() -> centre.box(-1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> centre.box(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> centre.box(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
	}

	// --- trusted construction ---

	@Test
	void storedWithSixDecimalsRoundedHalfUp() {
		GeoPoint place = p("30.4020005", "-112.8990005");

		assertThat(place.latitude()).isEqualTo(new BigDecimal("30.402001"));
		assertThat(place.longitude()).isEqualTo(new BigDecimal("-112.899001"));
		// Equal whatever scale the values came with: a row read back equals the record stored.
		assertThat(p("30.4", "112.9")).isEqualTo(p("30.400000", "112.900000"));
		assertThat(GeoPoint.of(30.4, 112.9)).isEqualTo(p("30.4", "112.9"));
	}

	@Test
	void theConstructorRefusesWhatIsNoPlace() {
		assertThatThrownBy(() -> new GeoPoint(null, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new GeoPoint(BigDecimal.ONE, null)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> p("90.000001", "0")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> p("0", "-180.5")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> GeoPoint.of(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> GeoPoint.of(0, Double.POSITIVE_INFINITY))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(p("-90", "180")).isNotNull();
		assertThat(GeoPoint.of(null, null)).isEmpty();
		assertThat(GeoPoint.of(BigDecimal.ONE, BigDecimal.TEN)).contains(p("1", "10"));
		assertThatThrownBy(() -> GeoPoint.of(BigDecimal.ONE, null)).isInstanceOf(IllegalArgumentException.class);
	}

	// --- user input ---

	static void assertProblems(Runnable call, String... fieldsAndKeys) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInputException.class, ex -> {
			String[] actual = ex.problems().stream().flatMap(p -> java.util.stream.Stream.of(p.field(), p.messageKey()))
				.toArray(String[]::new);
			assertThat(actual).containsExactly(fieldsAndKeys);
		});
	}

	static BigDecimal d(String s) {
		return new BigDecimal(s);
	}

	@Test
	void parseAcceptsPlacesAndNothing() {
		assertThat(GeoPoint.parse(null, null)).isNull();
		assertThat(GeoPoint.parse(d("30.402"), d("112.899"))).isEqualTo(p("30.402", "112.899"));
		assertThat(GeoPoint.parse(d("-90"), d("-180"))).isEqualTo(p("-90", "-180"));
		assertThat(GeoPoint.parse(d("90.000000"), d("180"))).isEqualTo(p("90", "180"));
		assertThat(GeoPoint.parse(d("1E+1"), d("0E-20"))).isEqualTo(p("10", "0"));
	}

	@Test
	void parseNamesEachBadField() {
		assertProblems(() -> GeoPoint.parse(d("90.5"), d("112")), "lat", "place.error.lat");
		assertProblems(() -> GeoPoint.parse(d("30"), d("-181")), "lng", "place.error.lng");
		assertProblems(() -> GeoPoint.parse(d("-91"), d("200")), "lat", "place.error.lat", "lng", "place.error.lng");
		assertProblems(() -> GeoPoint.parse(d("30.1234567"), d("112")), "lat", "place.error.lat");
		assertProblems(() -> GeoPoint.parse(d("30"), d("112.0000001")), "lng", "place.error.lng");
		assertProblems(() -> GeoPoint.parse(d("1000"), d("112")), "lat", "place.error.lat");
	}

	@Test
	void halfAPlaceIsRefusedOnTheMissingField() {
		assertProblems(() -> GeoPoint.parse(d("30.4"), null), "lng", "place.error.pair");
		assertProblems(() -> GeoPoint.parse(null, d("112.9")), "lat", "place.error.pair");
		assertProblems(() -> GeoPoint.parse(d("95"), null), "lat", "place.error.lat", "lng", "place.error.pair");
		assertProblems(() -> GeoPoint.parseText("30.4", " "), "lng", "place.error.pair");
	}

	@Test
	void hugeNumbersAreRefusedAtOnce() {
		long started = System.nanoTime();
		assertProblems(() -> GeoPoint.parse(d("1E+500000000"), d("-1E+500000000")), "lat", "place.error.lat", "lng",
				"place.error.lng");
		assertProblems(() -> GeoPoint.parse(d("1E-500000000"), d("1")), "lat", "place.error.lat");
		BigDecimal largest = new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE);
		assertProblems(() -> GeoPoint.parse(largest, d("1")), "lat", "place.error.lat");
		assertProblems(() -> GeoPoint.parse(d("1"), new BigDecimal(BigInteger.TEN.pow(5000), 0)), "lng",
				"place.error.lng");
		assertProblems(() -> GeoPoint.parseText("1e500000000", "1e-500000000"), "lat", "place.error.lat", "lng",
				"place.error.lng");
		assertProblems(() -> GeoPoint.parseText("9".repeat(100_000), "1"), "lat", "decimal.error.number");
		assertThatThrownBy(() -> new GeoPoint(largest, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void parseTextReadsWhatPeopleType() {
		assertThat(GeoPoint.parseText(" 30.402 ", "112.899")).isEqualTo(p("30.402", "112.899"));
		assertThat(GeoPoint.parseText("", null)).isNull();
		assertProblems(() -> GeoPoint.parseText("north", "112"), "lat", "decimal.error.number");
		assertProblems(() -> GeoPoint.parseText("30", "112.1234567"), "lng", "place.error.lng");
		assertProblems(() -> GeoPoint.parseText("-90.1", "0"), "lat", "place.error.lat");
	}

	@Test
	void printsAsLatCommaLng() {
		assertThat(p("30.4", "-112.9")).hasToString("30.400000,-112.900000");
	}

}
