package cn.chuangwen.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A place on the WGS-84 ellipsoid as stored: latitude and longitude in degrees, six decimals
 * ({@code numeric(9,6)}, about 0.1 m). Distances are on a sphere of the mean Earth radius, which is
 * within 0.5 % of the ellipsoid: plenty for "within 50 m" and "more than 300 m away". A query finds
 * candidates with {@link #box} in SQL and keeps those within {@link #metresTo} in Java.
 * <p>
 * The constructor is for trusted values and throws {@link IllegalArgumentException}; user input goes
 * through {@link #parse} or {@link #parseText}, which say what is wrong per field.
 */
public record GeoPoint(BigDecimal latitude, BigDecimal longitude) {

	/** Decimals stored, as in {@code numeric(9,6)}. */
	public static final int SCALE = 6;

	/** Digits before the point that a degree value needs (-180 .. 180). */
	public static final int INTEGER_DIGITS = 3;

	/** Mean Earth radius (IUGG R1), metres. */
	public static final double EARTH_RADIUS_METRES = 6_371_008.8;

	/** The form and API fields a place is read from. */
	public static final String LAT = "lat";

	public static final String LNG = "lng";

	private static final BigDecimal MAX_LAT = BigDecimal.valueOf(90);

	private static final BigDecimal MAX_LNG = BigDecimal.valueOf(180);

	public GeoPoint {
		if (latitude == null || longitude == null) {
			throw new IllegalArgumentException("a place needs both latitude and longitude");
		}
		if (!inRange(latitude, MAX_LAT) || !inRange(longitude, MAX_LNG)) {
			throw new IllegalArgumentException("not a WGS-84 place: " + latitude + ", " + longitude);
		}
		latitude = latitude.setScale(SCALE, RoundingMode.HALF_UP);
		longitude = longitude.setScale(SCALE, RoundingMode.HALF_UP);
	}

	/** A place from trusted values (a database row, checked metadata); empty when both are null. */
	public static Optional<GeoPoint> of(BigDecimal latitude, BigDecimal longitude) {
		return latitude == null && longitude == null ? Optional.empty()
				: Optional.of(new GeoPoint(latitude, longitude));
	}

	/** A place from trusted doubles (EXIF, a map click already checked); rounded to six decimals. */
	public static GeoPoint of(double latitude, double longitude) {
		if (!Double.isFinite(latitude) || !Double.isFinite(longitude)) {
			throw new IllegalArgumentException("not a WGS-84 place: " + latitude + ", " + longitude);
		}
		return new GeoPoint(BigDecimal.valueOf(latitude), BigDecimal.valueOf(longitude));
	}

	/**
	 * Reads a place a user gave (API JSON numbers, bound form fields). Null when both are null: a
	 * place is optional. Otherwise an {@link InvalidInputException} with every problem:
	 * {@code place.error.lat} on {@value #LAT} when the latitude is outside -90..90 or has more than
	 * six decimals, {@code place.error.lng} on {@value #LNG} likewise for -180..180, and
	 * {@code place.error.pair} on the missing one when only one is given. A number such as
	 * {@code 1E+500000000} is refused by its digit count before any comparison.
	 */
	public static GeoPoint parse(BigDecimal latitude, BigDecimal longitude) {
		if (latitude == null && longitude == null) {
			return null;
		}
		List<FieldProblem> problems = new ArrayList<>();
		check(problems, LAT, "place.error.lat", latitude, longitude, MAX_LAT);
		check(problems, LNG, "place.error.lng", longitude, latitude, MAX_LNG);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new GeoPoint(latitude, longitude);
	}

	/**
	 * Reads a place typed as text (form fields, import cells): blank is absent, text that is not a
	 * number gets {@code decimal.error.number}; otherwise as {@link #parse(BigDecimal, BigDecimal)}.
	 */
	public static GeoPoint parseText(String latitude, String longitude) {
		List<FieldProblem> problems = new ArrayList<>();
		BigDecimal lat = readCoordinate(LAT, latitude, problems);
		BigDecimal lng = readCoordinate(LNG, longitude, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return parse(lat, lng);
	}

	/**
	 * One coordinate typed as text, {@value #LAT} or {@value #LNG} (a form field, an import cell):
	 * null when blank, or null with the problem added ({@code decimal.error.number}, or
	 * {@code place.error.lat} / {@code place.error.lng} for too many digits). The range is
	 * {@link #parse}'s to check, with the other coordinate.
	 */
	public static BigDecimal readCoordinate(String field, String text, List<FieldProblem> problems) {
		Decimals.Result r = Decimals.read(text, INTEGER_DIGITS, SCALE);
		if (r == null) {
			return null;
		}
		if (r.problem() != null) {
			problems.add(FieldProblem.of(field,
					r.problem() == Decimals.Problem.NOT_A_NUMBER ? "decimal.error.number" : "place.error." + field));
			return null;
		}
		return r.value();
	}

	private static void check(List<FieldProblem> problems, String field, String key, BigDecimal value,
			BigDecimal other, BigDecimal max) {
		if (value == null) {
			if (other != null) {
				problems.add(FieldProblem.of(field, "place.error.pair"));
			}
		}
		else if (!Decimals.fits(value, INTEGER_DIGITS, SCALE) || !inRange(value, max)) {
			problems.add(FieldProblem.of(field, key));
		}
	}

	/** Cheap for any BigDecimal: a huge exponent fails the digit count before it is compared. */
	private static boolean inRange(BigDecimal value, BigDecimal max) {
		return Decimals.fits(value, INTEGER_DIGITS, Integer.MAX_VALUE) && value.abs().compareTo(max) <= 0;
	}

	/** Great-circle distance in metres (haversine, mean Earth radius). */
	public double metresTo(GeoPoint other) {
		double lat1 = Math.toRadians(latitude.doubleValue());
		double lat2 = Math.toRadians(other.latitude.doubleValue());
		double dLat = lat2 - lat1;
		double dLng = Math.toRadians(other.longitude.doubleValue() - longitude.doubleValue());
		double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
				+ Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
		return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1.0, Math.sqrt(h)));
	}

	/**
	 * A latitude/longitude box holding every place within {@code metres} of this one (and some
	 * more: it is a pre-filter for {@code lat between :minLat and :maxLat and lng between :minLng and
	 * :maxLng}, the exact test is {@link #metresTo}). Bounds are rounded outwards to six decimals.
	 * The longitude span is the exact one of a circle on the sphere (wider than
	 * {@code radius / cos(latitude)}); when the circle reaches a pole or crosses the ±180° meridian,
	 * the box takes every longitude, so one BETWEEN per column stays enough.
	 */
	public Box box(double metres) {
		if (!(metres >= 0) || Double.isInfinite(metres)) {
			throw new IllegalArgumentException("not a distance: " + metres);
		}
		// A sliver more than the radius: the distance is computed in doubles from the same six decimals.
		double r = metres / EARTH_RADIUS_METRES * (1 + 1e-9) + 1e-12;
		double lat = Math.toRadians(latitude.doubleValue());
		double lng = Math.toRadians(longitude.doubleValue());
		double minLat = lat - r;
		double maxLat = lat + r;
		double minLng;
		double maxLng;
		if (minLat <= -Math.PI / 2 || maxLat >= Math.PI / 2) {
			minLat = Math.max(minLat, -Math.PI / 2);
			maxLat = Math.min(maxLat, Math.PI / 2);
			minLng = -Math.PI;
			maxLng = Math.PI;
		}
		else {
			double dLng = Math.asin(Math.min(1.0, Math.sin(r) / Math.cos(lat)));
			minLng = lng - dLng;
			maxLng = lng + dLng;
			if (minLng < -Math.PI || maxLng > Math.PI || r >= Math.PI / 2) {
				minLng = -Math.PI;
				maxLng = Math.PI;
			}
		}
		return new Box(degrees(minLat, RoundingMode.FLOOR, MAX_LAT), degrees(maxLat, RoundingMode.CEILING, MAX_LAT),
				degrees(minLng, RoundingMode.FLOOR, MAX_LNG), degrees(maxLng, RoundingMode.CEILING, MAX_LNG));
	}

	private static BigDecimal degrees(double radians, RoundingMode outwards, BigDecimal max) {
		BigDecimal d = BigDecimal.valueOf(Math.toDegrees(radians)).setScale(SCALE, outwards);
		return d.max(max.negate()).min(max).setScale(SCALE);
	}

	/** Bounds in degrees, inclusive, six decimals; {@code minLng <= maxLng} always. */
	public record Box(BigDecimal minLat, BigDecimal maxLat, BigDecimal minLng, BigDecimal maxLng) {

		/** Whether the place lies in the box, as the SQL BETWEEN pair would say. */
		public boolean contains(GeoPoint p) {
			return p.latitude().compareTo(minLat) >= 0 && p.latitude().compareTo(maxLat) <= 0
					&& p.longitude().compareTo(minLng) >= 0 && p.longitude().compareTo(maxLng) <= 0;
		}

	}

	@Override
	public String toString() {
		return latitude.toPlainString() + "," + longitude.toPlainString();
	}

}
