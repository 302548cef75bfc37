package cn.chuangwen.organization;

import java.util.List;

/**
 * Figures other modules add to the summary tab of a unit's creation record (创建档案): the tasks
 * module its progress, overdue items and returned reports, the letters their count. The
 * organisation module shows them without knowing those modules (they depend on it, not it on them).
 */
public interface UnitFigures {

	/**
	 * One figure: a label (message key), its value as shown, where it leads (or null) and the state
	 * colour of docs/ui.md (or null). {@code order} sorts figures of several modules.
	 */
	record Figure(int order, String messageKey, String value, String href, String colour) {
	}

	/** The figures of a unit the caller can see; empty when the caller may not read them. */
	List<Figure> of(CurrentUser user, UnitView unit);

}
