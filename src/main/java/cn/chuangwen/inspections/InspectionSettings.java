package cn.chuangwen.inspections;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.inspections.internal.InspectionRulesStore;

/** A city's inspection rules: what it stored, else {@link InspectionRules#DEFAULTS}. */
@Service
public class InspectionSettings {

	private final InspectionRulesStore store;

	public InspectionSettings(InspectionRulesStore store) {
		this.store = store;
	}

	@Transactional(readOnly = true)
	public InspectionRules rules(long cityId) {
		return store.find(cityId).orElse(InspectionRules.DEFAULTS);
	}

}
