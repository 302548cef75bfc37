package cn.chuangwen.documents.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.documents.internal.ElectronicArchive;

/** The electronic archive (创城电子档案) for API clients: the same ZIP as the page's download. */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasAuthority('archive:export')")
class ArchiveApi {

	private final ElectronicArchive archive;

	ArchiveApi(ElectronicArchive archive) {
		this.archive = archive;
	}

	/**
	 * The archive of an indicator system as a streamed ZIP: one folder per indicator with the
	 * evidence of approved reports, index.xlsx last. City office only (archive:export); another
	 * city's system is 404.
	 */
	@GetMapping("/indicator-systems/{id}/archive.zip")
	void archive(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, HttpServletResponse response)
			throws IOException {
		ArchivePages.send(archive, user, id, response);
	}

}
