package cn.chuangwen.participation;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import cn.chuangwen.inspections.FieldPointView;
import cn.chuangwen.inspections.FieldPoints;
import cn.chuangwen.inspections.PointType;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.shared.GeoPoint;

import static org.assertj.core.api.Assertions.assertThat;

/** The routing order of an accepted report (issue 11 §1): point within 50 m, then town, then the category's default. */
class ReportRoutingTest {

	static final FieldPointView POINT = new FieldPointView(1, 1, "P1", "人民广场", PointType.values()[0], null,
			GeoPoint.of(30.36, 113.45), new FieldPointView.UnitRef(10, "U10", "城管局"),
			new FieldPointView.UnitRef(20, "T20", "沙嘴街道"), true, 0);

	static UnitView dept() {
		return new UnitView(30, 1, "xiantao", "D30", "市容环卫局", UnitKind.values()[0], null, null, "/1/30/", null,
				false, null, null, null, true, 0);
	}

	@Test
	void aPointWithinFiftyMetresGivesItsUnitAndTown() {
		RouteSuggestion r = ReportTriage.route(new FieldPoints.NearbyPoint(POINT, 50.0), dept());
		assertThat(r.reason()).isEqualTo(RouteSuggestion.Reason.FIELD_POINT);
		assertThat(r.unitId()).isEqualTo(10);
		assertThat(r.townId()).isEqualTo(20);
		assertThat(r.metres()).isEqualTo(50);
	}

	@Test
	void aPointFartherButWithinTwoKilometresGivesItsTown() {
		RouteSuggestion r = ReportTriage.route(new FieldPoints.NearbyPoint(POINT, 50.5), dept());
		assertThat(r.reason()).isEqualTo(RouteSuggestion.Reason.TOWN);
		assertThat(r.unitId()).isEqualTo(20);
		assertThat(r.unitName()).isEqualTo("沙嘴街道");
		r = ReportTriage.route(new FieldPoints.NearbyPoint(POINT, 2000.0), null);
		assertThat(r.reason()).isEqualTo(RouteSuggestion.Reason.TOWN);
	}

	@Test
	void noPointNearGivesTheCategorysDefaultElseNothing() {
		RouteSuggestion r = ReportTriage.route(new FieldPoints.NearbyPoint(POINT, 2000.1), dept());
		assertThat(r.reason()).isEqualTo(RouteSuggestion.Reason.DEFAULT_UNIT);
		assertThat(r.unitId()).isEqualTo(30);
		assertThat(r.townId()).isNull();
		r = ReportTriage.route(null, dept());
		assertThat(r.reason()).isEqualTo(RouteSuggestion.Reason.DEFAULT_UNIT);
		r = ReportTriage.route(null, null);
		assertThat(r.reason()).isEqualTo(RouteSuggestion.Reason.NONE);
		assertThat(r.found()).isFalse();
	}

}
