package cn.chuangwen.inspections.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Issue 9 §2: the random draw of a plan's points can be redone by anyone with the seed. */
class SampleDrawTest {

	static final List<Long> CANDIDATES = LongStream.rangeClosed(101, 260).boxed().toList();

	@Test
	void theSameSeedDrawsTheSamePointsInTheSameOrder() {
		assertThat(SampleDraw.draw(CANDIDATES, 10, 20261201L)).isEqualTo(SampleDraw.draw(CANDIDATES, 10, 20261201L));
	}

	/** The rule as documented, written out again: an auditor's own implementation gives the same sample. */
	@Test
	void theDrawIsThePartialFisherYatesOfJavaUtilRandom() {
		long seed = 987654321L;
		Long[] a = CANDIDATES.toArray(new Long[0]);
		Random r = new Random(seed);
		for (int i = 0; i < 12; i++) {
			int j = i + r.nextInt(a.length - i);
			Long t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
		assertThat(SampleDraw.draw(CANDIDATES, 12, seed)).containsExactly(java.util.Arrays.copyOf(a, 12));
	}

	@Test
	void aKnownDrawStaysTheSameAcrossReleases() {
		// fixed once: a change of the rule would make every stored plan fail its redraw check
		assertThat(SampleDraw.draw(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), 3, 42L)).containsExactly(1L, 5L, 8L);
	}

	@ParameterizedTest
	@ValueSource(longs = { 1L, 2L, 3L, 17L, 123456789L, -5L })
	void differentSeedsDrawDifferentSamples(long seed) {
		List<Long> one = SampleDraw.draw(CANDIDATES, 10, seed);
		List<Long> other = SampleDraw.draw(CANDIDATES, 10, seed + 1000);
		assertThat(one).isNotEqualTo(other);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 10, 159, 160 })
	void aSampleHasTheSizeAskedDistinctCandidatesOnly(int size) {
		Random seeds = new Random(size);
		for (int run = 0; run < 50; run++) {
			List<Long> drawn = SampleDraw.draw(CANDIDATES, size, seeds.nextLong());
			assertThat(drawn).hasSize(size).doesNotHaveDuplicates();
			assertThat(CANDIDATES).containsAll(drawn);
		}
		assertThat(new HashSet<>(SampleDraw.draw(CANDIDATES, 160, 7L))).isEqualTo(new HashSet<>(CANDIDATES));
	}

	@Test
	void aSizeOutsideOneToTheCandidatesIsRefused() {
		assertThatThrownBy(() -> SampleDraw.draw(CANDIDATES, 0, 1L)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SampleDraw.draw(CANDIDATES, 161, 1L)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SampleDraw.draw(List.of(), 1, 1L)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void everyPointCanBeDrawnAndNoneIsFavoured() {
		int[] hits = new int[CANDIDATES.size()];
		Random seeds = new Random(2026);
		int runs = 4000;
		for (int run = 0; run < runs; run++) {
			for (Long id : SampleDraw.draw(CANDIDATES, 10, seeds.nextLong())) {
				hits[(int) (id - 101)]++;
			}
		}
		double expected = runs * 10.0 / CANDIDATES.size();
		for (int h : hits) {
			assertThat((double) h).isBetween(expected * 0.6, expected * 1.4);
		}
	}

	@Test
	void theDigestIsSha256OfTheIdsInOrderAndChangesWithTheRegister() {
		// echo -n "1,2,3" | sha256sum
		assertThat(SampleDraw.digest(List.of(1L, 2L, 3L)))
			.isEqualTo("8a6ae15122001229edb8866f56e342af12ae8187203c3e3b33931743e7c0c48d");
		assertThat(SampleDraw.digest(List.of(1L, 2L, 3L))).isNotEqualTo(SampleDraw.digest(List.of(1L, 3L, 2L)))
			.isNotEqualTo(SampleDraw.digest(List.of(1L, 2L)));
	}

	@Test
	void newSeedsAreNonNegativeAndBelowTwoToThe53() {
		for (int i = 0; i < 1000; i++) {
			assertThat(SampleDraw.newSeed()).isBetween(0L, (1L << 53) - 1);
		}
	}

}
