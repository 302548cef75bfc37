package cn.chuangwen.evaluation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * Who reads and changes what in the evaluation. evaluation:manage (the city office): everything of
 * its city, the running period computed live. evaluation:read with a whole-city scope (leaders; the
 * province naming the city): closed and published periods. evaluation:read with a unit scope (a
 * unit's liaison): its own line of a published period only.
 */
@Component
class EvaluationAccess {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final Cities cities;

	private final Clock clock;

	EvaluationAccess(Cities cities, Clock clock) {
		this.cities = cities;
		this.clock = clock;
	}

	LocalDate today() {
		return clock.instant().atZone(ZONE).toLocalDate();
	}

	Clock clock() {
		return clock;
	}

	static boolean office(CurrentUser user) {
		return user.can(Permissions.EVALUATION_MANAGE) && user.cityId() != null;
	}

	static boolean wholeCity(CurrentUser user) {
		DataScope.Kind k = user.scope().kind();
		return k == DataScope.Kind.ALL || k == DataScope.Kind.CITY;
	}

	/** The office's own city, else 403. */
	CityView manage(CurrentUser user) {
		if (!office(user)) {
			throw new AccessDeniedException(Permissions.EVALUATION_MANAGE);
		}
		return own(user);
	}

	/** The city a reader reads: its own, or for the province the one named (400 without). */
	CityView read(CurrentUser user, String cityCode) {
		if (!user.can(Permissions.EVALUATION_READ) && !user.can(Permissions.EVALUATION_MANAGE)) {
			throw new AccessDeniedException(Permissions.EVALUATION_READ);
		}
		if (user.cityId() != null) {
			return own(user);
		}
		if (cityCode == null || cityCode.isBlank()) {
			throw new InvalidInputException(FieldProblem.of("cityCode", "evaluation.error.city"));
		}
		return cities.byCode(user.scope(), cityCode.trim()).orElseThrow(() -> new NotFoundException("city", cityCode));
	}

	/** A reader of whole cities (office, leaders, province), else 403. */
	CityView readWhole(CurrentUser user, String cityCode) {
		CityView city = read(user, cityCode);
		if (!wholeCity(user)) {
			throw new AccessDeniedException(Permissions.EVALUATION_READ);
		}
		return city;
	}

	private CityView own(CurrentUser user) {
		return cities.visible(user.scope())
			.stream()
			.filter(c -> c.id() == user.cityId())
			.findFirst()
			.orElseThrow(() -> new NotFoundException("city", user.cityId()));
	}

}
