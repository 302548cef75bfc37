package cn.chuangwen.files;

import java.util.ArrayList;
import java.util.List;

import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * A rectangle of an upright photo to make unreadable before the public sees it (a face, a number
 * plate), in fractions of the photo's width and height from its top left corner, so it holds for a
 * copy of any size.
 */
public record BlurRegion(double x, double y, double width, double height) {

	/** The most regions one photo may have: more is a mistake, not faces in a street. */
	public static final int MAX = 20;

	public BlurRegion {
		if (!inside(x, y, width, height)) {
			throw new IllegalArgumentException("not a region of a photo: " + x + "," + y + " " + width + "x" + height);
		}
	}

	/** Checks regions a user drew, naming {@code field} for what is wrong. */
	public static List<BlurRegion> checked(String field, List<double[]> regions) {
		List<FieldProblem> problems = new ArrayList<>();
		if (regions.size() > MAX) {
			problems.add(FieldProblem.of(field, "files.blur.error.tooMany", MAX));
		}
		List<BlurRegion> out = new ArrayList<>();
		for (double[] r : regions) {
			if (r == null || r.length != 4 || !inside(r[0], r[1], r[2], r[3])) {
				problems.add(FieldProblem.of(field, "files.blur.error.region"));
			}
			else {
				out.add(new BlurRegion(r[0], r[1], r[2], r[3]));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems.subList(0, 1));
		}
		return out;
	}

	private static boolean inside(double x, double y, double width, double height) {
		return Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(width) && Double.isFinite(height) && x >= 0
				&& y >= 0 && width > 0 && height > 0 && x + width <= 1.000001 && y + height <= 1.000001;
	}

}
