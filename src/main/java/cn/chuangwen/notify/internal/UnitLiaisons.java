package cn.chuangwen.notify.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.UserView;

/** Who is told about a unit's work: the enabled liaison accounts (联络员) of exactly that unit. */
@Component
class UnitLiaisons {

	private final Units units;

	private final Accounts accounts;

	UnitLiaisons(Units units, Accounts accounts) {
		this.units = units;
		this.accounts = accounts;
	}

	List<UserView> of(long cityId, long unitId) {
		CurrentUser system = SystemUsers.reader(cityId, null, null);
		Optional<UnitView> unit = units.find(system.scope(), unitId);
		if (unit.isEmpty()) {
			return List.of();
		}
		return accounts.peopleOf(system, unit.get())
			.stream()
			.filter(u -> u.enabled() && u.roles().contains(Role.UNIT_LIAISON) && u.unitId() != null
					&& u.unitId() == unitId)
			.toList();
	}

}
