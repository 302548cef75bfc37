package cn.chuangwen.inspections;

/** The office's filters on the inspection records: one plan (null: all), only those submitted far from their point. */
public record InspectionFilter(Long planId, boolean farOnly) {

	public static final InspectionFilter NONE = new InspectionFilter(null, false);

}
