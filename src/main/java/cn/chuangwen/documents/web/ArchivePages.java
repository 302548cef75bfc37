package cn.chuangwen.documents.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import cn.chuangwen.files.Downloads;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.documents.internal.ElectronicArchive;

/**
 * The electronic archive page (创城电子档案): choose a system, see what its archive holds (indicators
 * with evidence, files, total size) and download it. The download is built while it streams, so
 * the browser's own download bar is the progress; the page gives the total size to expect.
 */
@Controller
@PreAuthorize("hasAuthority('archive:export')")
class ArchivePages {

	private static final Logger log = LoggerFactory.getLogger(ArchivePages.class);

	private final ElectronicArchive archive;

	ArchivePages(ElectronicArchive archive) {
		this.archive = archive;
	}

	@GetMapping("/archive")
	String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long systemId,
			Model model) {
		List<IndicatorSystemView> systems = archive.systems(user);
		IndicatorSystemView chosen = systemId != null ? archive.check(user, systemId)
				: systems.stream()
					.filter(IndicatorSystemView::inUse)
					.max(Comparator.comparing(IndicatorSystemView::id))
					.or(() -> systems.stream().max(Comparator.comparing(IndicatorSystemView::id)))
					.orElse(null);
		model.addAttribute("systems", systems);
		model.addAttribute("system", chosen);
		ElectronicArchive.Summary summary = chosen == null ? null : archive.summary(user, chosen.id());
		model.addAttribute("summary", summary);
		model.addAttribute("sizeText", summary == null ? "" : readable(summary.totalBytes()));
		return "documents/archive";
	}

	/** 1,536 → "1.5 KB": binary units, one decimal, as browsers show download sizes. */
	static String readable(long bytes) {
		String[] units = { "B", "KB", "MB", "GB", "TB" };
		double value = bytes;
		int unit = 0;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return unit == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
	}

	@GetMapping("/archive/{systemId}/archive.zip")
	void download(@AuthenticationPrincipal CurrentUser user, @PathVariable long systemId,
			HttpServletResponse response) throws IOException {
		send(archive, user, systemId, response);
	}

	/**
	 * Streams the archive as the response: checks first (403, 404 as usual), then the headers,
	 * then the ZIP straight to the response. No Content-Length: the size is known only at the
	 * end. A client that goes away mid-way ends the export (recorded in the trace as failed).
	 */
	static void send(ElectronicArchive archive, CurrentUser user, long systemId, HttpServletResponse response)
			throws IOException {
		IndicatorSystemView system = archive.check(user, systemId);
		response.setContentType("application/zip");
		response.setHeader("Content-Disposition", Downloads.contentDisposition("attachment", archive.fileName(system)));
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Cache-Control", "private, no-store");
		// Behind nginx: pass the bytes on as they come instead of buffering the whole archive.
		response.setHeader("X-Accel-Buffering", "no");
		try {
			archive.export(user, systemId, response.getOutputStream());
			response.flushBuffer();
		}
		catch (UncheckedIOException ex) {
			if (!response.isCommitted()) {
				throw ex;
			}
			log.info("Archive export of system {} ended early: {}", systemId, ex.getCause().toString());
		}
	}

}
