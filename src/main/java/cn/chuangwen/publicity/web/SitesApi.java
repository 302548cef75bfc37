package cn.chuangwen.publicity.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.chuangwen.files.Uploads;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.publicity.DemonstrationSite;
import cn.chuangwen.publicity.DemonstrationSites;
import cn.chuangwen.publicity.SiteDraft;
import cn.chuangwen.publicity.SiteKind;
import cn.chuangwen.publicity.SiteState;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Demonstration sites (示范点) as JSON: readers list their city's sites ({@code kind}, {@code state}
 * filters, paged) and read one; the office records one ({@code name, kind, unitId, address, latitude,
 * longitude, description, yearNamed}), replaces it naming the {@code version} it read (409 when
 * stale), adds photos (multipart {@code files}) and moves its state ({@code {state, reason}}).
 */
@RestController
@RequestMapping("/api/v1/demonstration-sites")
@PreAuthorize("hasAnyAuthority('publicity:read', 'publicity:manage')")
class SitesApi {

	private final DemonstrationSites sites;

	SitesApi(DemonstrationSites sites) {
		this.sites = sites;
	}

	record PhotoJson(long fileId, long publicFileId) {
	}

	record SiteJson(long id, long cityId, String name, String kind, long unitId, String unitName, String address,
			BigDecimal latitude, BigDecimal longitude, String description, Integer yearNamed, String state,
			String withdrawnReason, List<PhotoJson> photos, int version) {

		static SiteJson of(DemonstrationSite s) {
			return new SiteJson(s.id(), s.cityId(), s.name(), s.kind().name(), s.unitId(), s.unitName(), s.address(),
					s.place().latitude(), s.place().longitude(), s.description(), s.yearNamed(),
					s.state().name(), s.withdrawnReason(),
					s.photos().stream().map(p -> new PhotoJson(p.fileId(), p.publicFileId())).toList(), s.version());
		}

	}

	/** A site as sent: numbers stay numbers in JSON, and become text for the service to check and name. */
	record SiteBody(String name, String kind, Long unitId, String address, BigDecimal latitude, BigDecimal longitude,
			String description, Integer yearNamed, Integer version) {

		SiteDraft draft() {
			return new SiteDraft(name, kind, text(unitId), address, latitude == null ? null : latitude.toString(),
					longitude == null ? null : longitude.toString(), description, text(yearNamed));
		}

		private static String text(Object o) {
			return o == null ? null : String.valueOf(o);
		}

	}

	record StateBody(String state, String reason) {
	}

	@GetMapping
	ResponseEntity<List<SiteJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String state,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		SiteKind k = SitePages.strict(SiteKind.class, "kind", kind, bad);
		SiteState s = SitePages.strict(SiteState.class, "state", state, bad);
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		return PagedResponse.of(sites.page(user, k, s, request).map(SiteJson::of));
	}

	@GetMapping("/{id}")
	SiteJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return SiteJson.of(sites.get(user, id));
	}

	@PostMapping
	@PreAuthorize("hasAuthority('publicity:manage')")
	ResponseEntity<SiteJson> create(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) SiteBody body) {
		SiteBody b = body == null ? new SiteBody(null, null, null, null, null, null, null, null, null) : body;
		DemonstrationSite s = sites.create(user, b.draft(), List.of());
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/demonstration-sites/" + s.id()))
			.body(SiteJson.of(s));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('publicity:manage')")
	SiteJson update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) SiteBody body) {
		SiteBody b = body == null ? new SiteBody(null, null, null, null, null, null, null, null, null) : body;
		return SiteJson.of(sites.update(user, id, b.version(), b.draft()));
	}

	@PostMapping(value = "/{id}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('publicity:manage')")
	SiteJson photos(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) List<MultipartFile> files) throws IOException {
		return SiteJson.of(sites.addPhotos(user, id, Uploads.of(files)));
	}

	@PostMapping("/{id}/state")
	@PreAuthorize("hasAuthority('publicity:manage')")
	SiteJson state(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) StateBody body) {
		return SiteJson.of(sites.changeState(user, id, body == null ? null : body.state(),
				body == null ? null : body.reason()));
	}

}
