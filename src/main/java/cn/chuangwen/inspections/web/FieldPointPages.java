package cn.chuangwen.inspections.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.FileKind;
import cn.chuangwen.inspections.FieldPointDraft;
import cn.chuangwen.inspections.FieldPointFilter;
import cn.chuangwen.inspections.FieldPointView;
import cn.chuangwen.inspections.FieldPointWorkbooks;
import cn.chuangwen.inspections.FieldPoints;
import cn.chuangwen.inspections.PointType;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.Decimals;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FilterOption;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.web.HtmxView;
import cn.chuangwen.shared.web.QueryParams;

/**
 * The field point register (点位): the list with its filters in the URL, its map and its paging;
 * the form to enter or change a point; the import with its row errors; the export.
 */
@Controller
@PreAuthorize("hasAuthority('fieldpoint:read')")
class FieldPointPages {

	static final int PAGE_SIZE = 50;

	/** The most units a form's select lists: a city has a few hundred. */
	static final int MAX_UNITS = 5_000;

	private final FieldPoints points;

	private final FieldPointWorkbooks workbooks;

	private final Units units;

	private final Cities cities;

	private final MessageSource messages;

	/** The map's tile URL template (天地图 or a local tile server); blank: markers on a plain background. */
	private final String tileUrl;

	FieldPointPages(FieldPoints points, FieldPointWorkbooks workbooks, Units units, Cities cities,
			MessageSource messages, @Value("${chuangwen.map.tile-url:}") String tileUrl) {
		this.points = points;
		this.workbooks = workbooks;
		this.units = units;
		this.cities = cities;
		this.messages = messages;
		this.tileUrl = tileUrl == null ? "" : tileUrl.strip();
	}

	/** A point on the map, in the shape {@code problem-map.js} draws. */
	record MapPoint(long id, String code, String title, double lat, double lng, String state, String colour,
			String url) {
	}

	/** The entry and change form as posted (bound by its setters). */
	public static class PointForm {

		private String code;

		private String name;

		private String pointType;

		private String address;

		private String lat;

		private String lng;

		private Long unitId;

		private Long townId;

		private boolean active = true;

		private Integer version;

		public String getCode() {
			return code;
		}

		public void setCode(String code) {
			this.code = code;
		}

		public String getName() {
			return name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getPointType() {
			return pointType;
		}

		public void setPointType(String pointType) {
			this.pointType = pointType;
		}

		public String getAddress() {
			return address;
		}

		public void setAddress(String address) {
			this.address = address;
		}

		public String getLat() {
			return lat;
		}

		public void setLat(String lat) {
			this.lat = lat;
		}

		public String getLng() {
			return lng;
		}

		public void setLng(String lng) {
			this.lng = lng;
		}

		public Long getUnitId() {
			return unitId;
		}

		public void setUnitId(Long unitId) {
			this.unitId = unitId;
		}

		public Long getTownId() {
			return townId;
		}

		public void setTownId(Long townId) {
			this.townId = townId;
		}

		public boolean isActive() {
			return active;
		}

		public void setActive(boolean active) {
			this.active = active;
		}

		public Integer getVersion() {
			return version;
		}

		public void setVersion(Integer version) {
			this.version = version;
		}

		/** The draft, with a coordinate that is no number named as a field problem. */
		FieldPointDraft toDraft(List<FieldProblem> bad) {
			return new FieldPointDraft(code, name, pointType, address, GeoPoint.readCoordinate(GeoPoint.LAT, lat, bad),
					GeoPoint.readCoordinate(GeoPoint.LNG, lng, bad), unitId, townId, active);
		}

		static PointForm of(FieldPointView p) {
			PointForm f = new PointForm();
			f.code = p.code();
			f.name = p.name();
			f.pointType = p.pointType().name();
			f.address = p.address();
			f.lat = p.lat().toPlainString();
			f.lng = p.lng().toPlainString();
			f.unitId = p.unitId();
			f.townId = p.townId();
			f.active = p.active();
			f.version = p.version();
			return f;
		}


	}

	// --- the list

	/**
	 * The list with its filters in the URL. A filter value the page does not know (an edited
	 * address) is ignored rather than refused: the list then shows more, never an error page.
	 */
	@GetMapping("/inspections/points")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city,
			@RequestParam(required = false) String pointType, @RequestParam(required = false) String townId,
			@RequestParam(required = false) String unitId, @RequestParam(required = false) String active,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer page, Model model,
			Locale locale, HttpServletRequest request, HttpServletResponse response) {
		List<CityView> visible = cities.visible(user.scope());
		CityView chosen = city(user, city, visible);
		Long cityId = chosen == null ? null : chosen.id();
		// each bad value is left null by its parser: no condition
		FieldPointFilter filter = PointParams.filter(pointType, unitId, townId, active, q, new ArrayList<>());
		Page<FieldPointView> result = points.page(user, cityId, filter, PageRequest.lenient(page, PAGE_SIZE));
		model.addAttribute("result", result);
		model.addAttribute("points", result.items());
		model.addAttribute("total", result.total());
		model.addAttribute("typeOptions", FilterOption.of(List.of(PointType.values()), PointType::name,
				t -> messages.getMessage(t.messageKey(), null, locale),
				filter.pointType() == null ? null : filter.pointType().name()));
		List<UnitView> cityUnits = chosen == null ? List.of() : cityUnits(user, chosen);
		model.addAttribute("townOptions", FilterOption.of(towns(cityUnits), UnitView::id, UnitView::name,
				filter.townId() == null ? null : filter.townId().toString()));
		model.addAttribute("unitOptions", FilterOption.of(cityUnits, UnitView::id, UnitView::name,
				filter.unitId() == null ? null : filter.unitId().toString()));
		model.addAttribute("activeOptions", FilterOption.of(List.of(true, false), String::valueOf,
				b -> messages.getMessage(b ? "fieldPoint.active.yes" : "fieldPoint.active.no", null, locale),
				filter.active() == null ? null : filter.active().toString()));
		model.addAttribute("moreFilters", filter.unitId() != null || filter.active() != null);
		model.addAttribute("q", filter.q());
		model.addAttribute("cities", visible);
		// province staff without a chosen city see every city's points: the table names the city
		model.addAttribute("acrossCities", chosen == null && visible.size() > 1);
		model.addAttribute("cityNames", visible.stream().collect(java.util.stream.Collectors.toMap(CityView::id, CityView::name)));
		model.addAttribute("cityOptions", FilterOption.of(visible, CityView::code, CityView::name,
				chosen == null || user.cityId() != null ? null : chosen.code()));
		model.addAttribute("canWrite", user.can(Permissions.FIELDPOINT_WRITE));
		model.addAttribute("tileUrl", tileUrl);
		String query = request.getQueryString();
		model.addAttribute("exportUrl", "/inspections/points/export.xlsx" + (query == null ? "" : "?" + query));
		model.addAttribute("mapUrl", "/inspections/points/map.json" + (query == null ? "" : "?" + query));
		return HtmxView.of(request, response, "inspections/points", "results");
	}

	/** The list's points (as filtered) for its map, at most {@link FieldPoints#MAX_ON_MAP}. */
	@GetMapping("/inspections/points/map.json")
	@ResponseBody
	List<MapPoint> map(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city,
			@RequestParam(required = false) String pointType, @RequestParam(required = false) String townId,
			@RequestParam(required = false) String unitId, @RequestParam(required = false) String active,
			@RequestParam(required = false) String q, Locale locale) {
		CityView chosen = city(user, city, cities.visible(user.scope()));
		FieldPointFilter filter = PointParams.filter(pointType, unitId, townId, active, q, new ArrayList<>());
		return points.list(user, chosen == null ? null : chosen.id(), filter, FieldPoints.MAX_ON_MAP)
			.stream()
			.map(p -> new MapPoint(p.id(), p.code(), p.name(), p.lat().doubleValue(), p.lng().doubleValue(),
					messages.getMessage(p.pointType().messageKey(), null, locale) + " · " + p.unitName(),
					p.active() ? "blue" : "grey", "/inspections/points/" + p.id()))
			.toList();
	}

	@GetMapping("/inspections/points/export.xlsx")
	void export(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city,
			@RequestParam(required = false) String pointType, @RequestParam(required = false) String townId,
			@RequestParam(required = false) String unitId, @RequestParam(required = false) String active,
			@RequestParam(required = false) String q, HttpServletResponse response) throws IOException {
		CityView chosen = city(user, city, cities.visible(user.scope()));
		FieldPointFilter filter = PointParams.filter(pointType, unitId, townId, active, q, new ArrayList<>());
		response.setContentType(FileKind.XLSX.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("attachment", "点位清单.xlsx"));
		workbooks.export(user, chosen == null ? null : chosen.id(), filter, response.getOutputStream());
	}

	// --- one point

	/** A point: its form, to change it (the office), or read-only (everyone else). */
	@GetMapping("/inspections/points/{id}")
	String point(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		FieldPointView point = points.get(user, id);
		model.addAttribute("point", point);
		return form(user, model, PointForm.of(point), point, FormErrors.none());
	}

	@GetMapping("/inspections/points/new")
	@PreAuthorize("hasAuthority('fieldpoint:write')")
	String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
		return form(user, model, new PointForm(), null, FormErrors.none());
	}

	@PostMapping("/inspections/points")
	@PreAuthorize("hasAuthority('fieldpoint:write')")
	String create(@AuthenticationPrincipal CurrentUser user, PointForm form, Model model, Locale locale,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			List<FieldProblem> bad = new ArrayList<>();
			FieldPointDraft draft = form.toDraft(bad);
			QueryParams.check(bad);
			FieldPointView created = points.create(user, draft);
			redirect.addFlashAttribute("notice", "fieldPoint.page.created");
			redirect.addFlashAttribute("noticeArg", created.code());
			return "redirect:/inspections/points?q=" + java.net.URLEncoder.encode(created.code(),
					java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(user, model, form, null, FormErrors.of(ex.problems(), messages, locale));
		}
	}

	@PostMapping("/inspections/points/{id}")
	@PreAuthorize("hasAuthority('fieldpoint:write')")
	String update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, PointForm form, Model model,
			Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		FieldPointView point = points.get(user, id);
		try {
			List<FieldProblem> bad = new ArrayList<>();
			FieldPointDraft draft = form.toDraft(bad);
			QueryParams.check(bad);
			points.update(user, id, form.version, draft);
			redirect.addFlashAttribute("notice", "fieldPoint.page.saved");
			redirect.addFlashAttribute("noticeArg", point.code());
			return "redirect:/inspections/points/" + id;
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(user, model, form, point, FormErrors.of(ex.problems(), messages, locale));
		}
		catch (ConflictException ex) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			return form(user, model, form, point,
					FormErrors.of(List.of(FieldProblem.of("version", ex.messageKey())), messages, locale));
		}
	}

	private String form(CurrentUser user, Model model, PointForm form, FieldPointView point, FormErrors errors) {
		model.addAttribute("form", form);
		model.addAttribute("point", point);
		model.addAttribute("errors", errors);
		model.addAttribute("types", PointType.values());
		boolean editable = user.can(Permissions.FIELDPOINT_WRITE) && user.cityId() != null
				&& (point == null || point.cityId() == user.cityId());
		model.addAttribute("editable", editable);
		CityView city = cities.visible(user.scope())
			.stream()
			.filter(c -> point == null ? c.id() == (user.cityId() == null ? -1 : user.cityId()) : c.id() == point.cityId())
			.findFirst()
			.orElse(null);
		List<UnitView> cityUnits = city == null || !editable ? List.of() : cityUnits(user, city);
		// grouped by kind (towns, communities, departments...), in the tree's order
		model.addAttribute("unitGroups", cityUnits.stream()
			.collect(java.util.stream.Collectors.groupingBy(UnitView::kind, java.util.LinkedHashMap::new,
					java.util.stream.Collectors.toList())));
		model.addAttribute("towns", towns(cityUnits));
		// the hint says where a point may lie; only an editor of the caller's own city needs it
		model.addAttribute("area", editable ? points.area(user).map(FieldPointPages::plainArea).orElse(null) : null);
		return "inspections/point";
	}

	// --- the city's area

	/** The box every point of the city must lie in: its office sets it, and sees it before a first change. */
	@GetMapping("/inspections/area")
	@PreAuthorize("hasAuthority('fieldpoint:write')")
	String areaForm(@AuthenticationPrincipal CurrentUser user, Model model) {
		Map<String, String> values = new LinkedHashMap<>();
		points.area(user).map(FieldPointPages::plainArea).ifPresent(values::putAll);
		model.addAttribute("values", values);
		model.addAttribute("errors", FormErrors.none());
		return "inspections/area";
	}

	@PostMapping("/inspections/area")
	@PreAuthorize("hasAuthority('fieldpoint:write')")
	String changeArea(@AuthenticationPrincipal CurrentUser user, @RequestParam Map<String, String> form, Model model,
			Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String f : List.of("minLat", "maxLat", "minLng", "maxLng")) {
			values.put(f, form.getOrDefault(f, "").strip());
		}
		try {
			List<FieldProblem> bad = new ArrayList<>();
			BigDecimal[] d = values.entrySet().stream().map(e -> degrees(e.getKey(), e.getValue(), bad))
				.toArray(BigDecimal[]::new);
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			points.changeArea(user, d[0], d[1], d[2], d[3]);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("values", values);
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			return "inspections/area";
		}
		redirect.addFlashAttribute("notice", "fieldPoint.area.saved");
		return "redirect:/inspections/points";
	}

	/** The area's edges as people write them (30.05, not 30.050000): text, so no message rounds them. */
	private static Map<String, String> plainArea(GeoPoint.Box b) {
		Map<String, String> edges = new LinkedHashMap<>();
		edges.put("minLat", b.minLat().stripTrailingZeros().toPlainString());
		edges.put("maxLat", b.maxLat().stripTrailingZeros().toPlainString());
		edges.put("minLng", b.minLng().stripTrailingZeros().toPlainString());
		edges.put("maxLng", b.maxLng().stripTrailingZeros().toPlainString());
		return edges;
	}

	/** A degree as typed (30.05): empty is left to the facade's "required"; text or too many digits is refused. */
	private static BigDecimal degrees(String field, String text, List<FieldProblem> bad) {
		Decimals.Result r = Decimals.read(text, GeoPoint.INTEGER_DIGITS, GeoPoint.SCALE);
		if (r == null) {
			return null;
		}
		if (r.problem() != null) {
			bad.add(r.problem() == Decimals.Problem.NOT_A_NUMBER ? FieldProblem.of(field, "fieldPoint.area.error.number")
					: FieldProblem.of(field, "decimal.error.range", GeoPoint.INTEGER_DIGITS, GeoPoint.SCALE));
			return null;
		}
		return r.value();
	}

	// --- import

	@GetMapping("/inspections/points/import")
	@PreAuthorize("hasAuthority('fieldpoint:write')")
	String importForm(Model model) {
		model.addAttribute("errors", FormErrors.none());
		return "inspections/points-import";
	}

	@GetMapping("/inspections/points/import-template.xlsx")
	@PreAuthorize("hasAuthority('fieldpoint:write')")
	void template(HttpServletResponse response) throws IOException {
		response.setContentType(FileKind.XLSX.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("attachment", "点位导入模板.xlsx"));
		workbooks.writeTemplate(response.getOutputStream());
	}

	/** All rows or none; the page lists every bad row with its number. */
	@PostMapping("/inspections/points/import")
	@PreAuthorize("hasAuthority('fieldpoint:write')")
	String importPoints(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) MultipartFile file,
			Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw new InvalidInputException(FieldProblem.of("file", "import.read.empty"));
			}
			int imported;
			try (var in = file.getInputStream()) {
				imported = workbooks.importPoints(user, in).size();
			}
			redirect.addFlashAttribute("notice", "fieldPoint.import.done");
			redirect.addFlashAttribute("noticeArg", imported);
			return "redirect:/inspections/points";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			return "inspections/points-import";
		}
	}

	// ---

	/** The caller's own city; province staff the one chosen by code, else every city they see (null). */
	private static CityView city(CurrentUser user, String code, List<CityView> visible) {
		if (user.cityId() != null) {
			return visible.stream().filter(c -> c.id() == user.cityId()).findFirst().orElse(null);
		}
		if (code == null || code.isBlank()) {
			return null;
		}
		return visible.stream().filter(c -> c.code().equals(code.trim())).findFirst().orElse(null);
	}

	/** The city's active units the caller sees, for selects, by kind then code. */
	private List<UnitView> cityUnits(CurrentUser user, CityView city) {
		return units.search(user.scope(), new UnitQuery(city.code(), null, null, true, null), MAX_UNITS);
	}

	private static List<UnitView> towns(List<UnitView> cityUnits) {
		return cityUnits.stream()
			.filter(u -> u.kind().isTownLevel())
			.sorted(Comparator.comparing(UnitView::code))
			.toList();
	}

}
