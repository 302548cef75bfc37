package cn.chuangwen.inspections;

import java.util.List;

/**
 * What the inspection form of one plan point shows: the point and the items in use for its type, in
 * checklist order (the page groups them by category).
 */
public record FieldForm(FieldAssignment point, List<ChecklistItemView> items) {
}
