package cn.chuangwen.indicators.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.internal.ImportPlan.Planned;
import cn.chuangwen.indicators.internal.IndicatorStore.Fields;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.Imports;
import cn.chuangwen.shared.InvalidInputException;

/**
 * Writes an indicator file as a new system of a city: all rows or none. The one import path, for
 * offices and for the demo data alike.
 */
@Component
public class IndicatorImporter {

	private final IndicatorStore store;

	private final AuditTrail audit;

	private final Clock clock;

	private final Imports imports;

	public IndicatorImporter(IndicatorStore store, Imports imports, AuditTrail audit, Clock clock) {
		this.store = store;
		this.imports = imports;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Imports the file as a new system named {@code name} in the city, attributed to {@code actor}.
	 * Throws {@link InvalidInputException} with the name's problems and every bad row, and writes
	 * nothing, when anything is wrong.
	 */
	@Transactional
	public IndicatorSystemView importInto(long cityId, String actor, Long actorUnitId, String name, String filename,
			byte[] content) {
		List<FieldProblem> problems = new ArrayList<>();
		String cleanName = checkName(cityId, name, problems);
		ImportPlan plan = null;
		try {
			plan = ImportPlan.of(IndicatorFile.read(content,
					imports.limits(IndicatorFile.MAX_BYTES, IndicatorFile.MAX_ROWS), imports.tempDir()));
		}
		catch (InvalidInputException ex) {
			problems.addAll(ex.problems());
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		long systemId = store.insertSystem(cityId, cleanName, null, plan.leafCount(), clock.instant(), actor);
		Map<String, Long> ids = new HashMap<>();
		Map<String, String> paths = new HashMap<>();
		for (Planned p : plan.indicators()) {
			Long parentId = p.parentCode() == null ? null : ids.get(p.parentCode());
			String parentPath = p.parentCode() == null ? null : paths.get(p.parentCode());
			long id = store.insertIndicator(systemId, cityId, parentId, parentPath,
					new Fields(p.code(), p.name(), p.level(), blankToNull(p.criteria()), p.methods(), p.score(),
							p.pointTypes(), p.targetQuantity(), blankToNull(p.targetUnit())),
					p.order(), p.leaf());
			ids.put(p.code(), id);
			paths.put(p.code(), (parentPath == null ? "/" : parentPath) + id + "/");
		}
		audit.record(AuditEntry.of("INDICATOR_SYSTEM_IMPORT")
			.city(cityId)
			.object("indicator_system", systemId)
			.actor(actor, actorUnitId)
			.change("name", null, cleanName)
			.change("file", null, filename == null ? null : cap(filename, 255))
			.change("indicators", null, plan.indicators().size())
			.change("leaves", null, plan.leafCount()));
		return store.system(systemId).orElseThrow();
	}

	/** The trimmed name, or null with a problem: required, at most 128 characters, unique in the city. */
	public String checkName(long cityId, String name, List<FieldProblem> problems) {
		String n = name == null ? "" : name.strip();
		if (n.isEmpty()) {
			problems.add(FieldProblem.of("name", "indicator.error.systemName.required"));
			return null;
		}
		if (n.length() > IndicatorRules.MAX_SYSTEM_NAME) {
			problems.add(FieldProblem.of("name", "indicator.error.systemName.long", IndicatorRules.MAX_SYSTEM_NAME));
			return null;
		}
		if (store.nameExists(cityId, n)) {
			problems.add(FieldProblem.of("name", "indicator.error.systemName.duplicate", n));
			return null;
		}
		return n;
	}

	static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	static String cap(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}

}
