package cn.chuangwen.documents;

import java.time.Instant;
import java.util.Set;

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


	private final ArchiveRows rows;

	public ArchiveCoverage(ArchiveRows rows) {
		this.rows = rows;
	}

	/**
	 * The ids of the city's system's leaves covered as of {@code before} (evidence of a report
	 * approved before it); empty unless {@code scope} covers the whole city. Asked with an earlier
	 * {@code before}, it answers when a leaf became covered (the weekly trend's history).
	 */
	@Transactional(readOnly = true)
	public Set<Long> covered(DataScope scope, long cityId, long systemId, Instant before) {
		boolean wholeCity = scope.kind() == DataScope.Kind.CITY || scope.kind() == DataScope.Kind.ALL;
		if (!wholeCity || !scope.includesCity(cityId)) {
			return Set.of();
		}
		return Set.copyOf(rows.covered(cityId, systemId, before));
	}

}
