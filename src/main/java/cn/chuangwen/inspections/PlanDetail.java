package cn.chuangwen.inspections;

import java.time.Instant;
import java.util.List;

/**
 * One plan with its points (each with its unit and town, and whether it has been inspected), the
 * scope its sample was drawn from and the draw itself. A unit reading a closed or announced plan
 * gets only its own points, and neither the draw nor the inspectors ({@code sample} null).
 */
public record PlanDetail(PlanView plan, List<PlanPoint> points, Scope scope, Sample sample, Made made,
		boolean office) {

	public PlanDetail {
		points = List.copyOf(points);
	}

	/** A unit or town by id and name. */
	public record Ref(long id, String name) {
	}

	/** A point of the plan. */
	public record PlanPoint(long id, String code, String name, PointType pointType, Ref unit, Ref town,
			boolean inspected) {
	}

	/** What the sample was drawn from; all empty for points chosen by hand without a scope. */
	public record Scope(List<PointType> pointTypes, List<Ref> towns, List<Ref> units) {

		public boolean isEmpty() {
			return pointTypes.isEmpty() && towns.isEmpty() && units.isEmpty();
		}

	}

	/**
	 * A random draw: how many points, the seed, how many candidates there were and their digest
	 * (see {@code SampleDraw} for the rule).
	 */
	public record Sample(int size, long seed, int candidateCount, String digest) {
	}

	/** Who made the plan and when, and who closed it. */
	public record Made(Instant at, String by, String closedBy) {
	}

}
