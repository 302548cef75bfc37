package cn.chuangwen.documents;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.documents.internal.ArchiveRows;
import cn.chuangwen.organization.DataScope;

/**
 * Which indicators of a system the electronic archive (创城电子档案) covers: those with evidence of
 * an approved progress report, as the national online document review would find it. A read model
 * for the predicted score; it reads within the caller's scope (a city outside it has no coverage).
 */
@Service
public class ArchiveCoverage {

	/** An indicator with approved evidence: how many files, and when the first report was approved. */
	public record Covered(long indicatorId, long files, Instant firstApprovedAt) {
	}

	private final ArchiveRows rows;

	public ArchiveCoverage(ArchiveRows rows) {
		this.rows = rows;
	}

	/**
	 * The covered indicators of the city's system as of {@code before} (reports approved before it),
	 * by indicator id; empty unless {@code scope} covers the whole city.
	 */
	@Transactional(readOnly = true)
	public Map<Long, Covered> covered(DataScope scope, long cityId, long systemId, Instant before) {
		boolean wholeCity = scope.kind() == DataScope.Kind.CITY || scope.kind() == DataScope.Kind.ALL;
		if (!wholeCity || !scope.includesCity(cityId)) {
			return Map.of();
		}
		return rows.coverage(cityId, systemId, before)
			.stream()
			.map(c -> new Covered(c.indicatorId(), c.files(), c.firstApprovedAt()))
			.collect(Collectors.toMap(Covered::indicatorId, Function.identity()));
	}

}
