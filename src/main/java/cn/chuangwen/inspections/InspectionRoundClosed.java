package cn.chuangwen.inspections;

/**
 * The office closed a plan's round: its findings not yet sent go to the units as problems, and the
 * plan (unannounced ones included) is no longer secret. Published in the closing transaction.
 */
public record InspectionRoundClosed(long cityId, long planId, PlanKind kind) {
}
