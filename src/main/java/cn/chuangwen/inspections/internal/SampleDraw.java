package cn.chuangwen.inspections.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import cn.chuangwen.shared.Secrets;

/**
 * The random draw of a plan's points (抽样), written down so an auditor can redo it by hand or in any
 * language with the same generator: the candidates are the city's active points in the plan's scope
 * ordered by point code; {@code java.util.Random(seed)} (the 48-bit linear congruential generator of
 * the Java specification) then runs a partial Fisher–Yates shuffle, for i = 0 .. size−1 swapping
 * position i with i + nextInt(n − i), and the first {@code size} candidates are the sample, in draw order.
 * The candidate digest is SHA-256 over the candidates' ids in code order, written as decimal numbers
 * joined by commas (UTF-8), in lower-case hex: a different digest means the register changed since.
 */
public final class SampleDraw {

	/** The rule in words, as the plan page shows it next to the seed. */
	public static final String RULE = "java.util.Random(seed), partial Fisher–Yates over the candidates in code order";

	/** Generated seeds stay below 2^53, so a JSON reader that keeps numbers as doubles reads them exactly. */
	static final long SEED_MASK = (1L << 53) - 1;

	private static final SecureRandom SEEDS = new SecureRandom();

	private SampleDraw() {
	}

	/** The first {@code size} of {@code candidates} after the seeded partial shuffle; 1 ≤ size ≤ candidates. */
	public static List<Long> draw(List<Long> candidates, int size, long seed) {
		if (size < 1 || size > candidates.size()) {
			throw new IllegalArgumentException("sample size " + size + " of " + candidates.size());
		}
		List<Long> a = new ArrayList<>(candidates);
		Random random = new Random(seed);
		int n = a.size();
		for (int i = 0; i < size; i++) {
			int j = i + random.nextInt(n - i);
			Long t = a.get(i);
			a.set(i, a.get(j));
			a.set(j, t);
		}
		List<Long> sample = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			sample.add(a.get(i));
		}
		return List.copyOf(sample);
	}

	/** A new seed from a cryptographic generator: nobody can steer which points are drawn. */
	public static long newSeed() {
		return SEEDS.nextLong() & SEED_MASK;
	}

	/** SHA-256 over the ids in the given (code) order, "12,15,40" in UTF-8, as lower-case hex. */
	public static String digest(List<Long> candidates) {
		StringBuilder text = new StringBuilder();
		for (Long id : candidates) {
			if (!text.isEmpty()) {
				text.append(',');
			}
			text.append(id);
		}
		return Secrets.sha256Hex(text.toString());
	}

}
