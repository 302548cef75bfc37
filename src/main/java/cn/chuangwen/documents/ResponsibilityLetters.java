package cn.chuangwen.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.FileKind;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.documents.internal.LetterPdf;
import cn.chuangwen.documents.internal.LetterStore;
import cn.chuangwen.documents.internal.LetterStore.LetterRow;

/**
 * Responsibility letters (责任状, T9): the office issues each unit, once a year, a letter listing
 * the unit's assignments of that year (deadline in the year, as lead or cooperating unit) with
 * targets, deadlines, milestones and responsible persons, numbered in the city's sequence for the
 * year (仙创责〔2026〕3号). The assignments are copied into the letter when it is issued, so the
 * PDF reads the same later. The unit signs and seals the printed letter; the office records the
 * scan of the signed copy and the date signed. Every change is in the trace.
 * <p>
 * Who sees a letter: whoever may read assignments and has the letter's unit in their data scope
 * (the office, city leaders, the unit's own liaison); anyone else gets 404.
 */
@Service
public class ResponsibilityLetters {

	/** The kinds a signed scan may be: a PDF or a photo of the paper. */
	public static final Set<FileKind> SCAN_KINDS = EnumSet.of(FileKind.PDF, FileKind.JPEG, FileKind.PNG, FileKind.WEBP);

	public static final int MIN_YEAR = 2000;

	public static final int MAX_YEAR = 2100;

	/** The scan of the signed copy: its name as sent and its content (the caller closes it). */
	public record Scan(String name, InputStream content) {
	}

	private final LetterStore store;

	private final Assignments assignments;

	private final Units units;

	private final Cities cities;

	private final EvidenceStore files;

	private final LetterPdf pdf;

	private final DocumentNumbers numbers;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final Clock clock;

	public ResponsibilityLetters(LetterStore store, Assignments assignments, Units units, Cities cities,
			EvidenceStore files, LetterPdf pdf, DocumentNumbers numbers, AuditTrail audit, MessageSource messages,
			Clock clock) {
		this.store = store;
		this.assignments = assignments;
		this.units = units;
		this.cities = cities;
		this.files = files;
		this.pdf = pdf;
		this.numbers = numbers;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * Issues the unit's letter for the year (assignment:write). Refused with
	 * {@link InvalidInputException} on field {@code year} when the year is out of range, the unit
	 * already has a letter for it, the unit is deactivated, or it has no assignment due that year;
	 * 404 when the unit is outside the caller's scope.
	 */
	@Transactional
	public LetterView issue(CurrentUser office, long unitId, Integer year) {
		requireWrite(office);
		UnitView unit = units.get(office.scope(), unitId);
		if (year == null || year < MIN_YEAR || year > MAX_YEAR) {
			throw new InvalidInputException(FieldProblem.of("year", "letter.error.year", String.valueOf(MIN_YEAR),
					String.valueOf(MAX_YEAR)));
		}
		var existing = store.findByUnitAndYear(unitId, year);
		if (existing.isPresent()) {
			throw new InvalidInputException(
					FieldProblem.of("year", "letter.error.duplicate", unit.name(), String.valueOf(year), existing.get().number()));
		}
		if (!unit.active()) {
			throw new InvalidInputException(FieldProblem.of("year", "letter.error.inactive", unit.name()));
		}
		List<LetterView.Item> items = itemsFor(office, unit, year);
		if (items.isEmpty()) {
			throw new InvalidInputException(FieldProblem.of("year", "letter.error.noAssignments", unit.name(),
					String.valueOf(year)));
		}
		CityView city = city(office, unit.cityId());
		String cityName = city.name();
		DocumentNumbers.DocumentNumber taken = numbers.next(city, DocumentKind.LETTER, year);
		String number = taken.text();
		String issuingBody = chinese("letter.issuingBody", cityName);
		Instant now = clock.instant();
		long id = store.insert(unit, taken, issuingBody, now, office.username());
		store.insertItems(id, items);
		audit.record(AuditEntry.of("LETTER_ISSUE")
			.city(unit.cityId())
			.object("responsibility_letter", id)
			.change("unit", null, unit.name())
			.change("year", null, year)
			.change("number", null, number)
			.change("assignments", null, items.stream().map(LetterView.Item::indicatorCode).toList()));
		return view(store.find(id).orElseThrow(), null);
	}

	/** The assignments due in the year the unit leads or cooperates on, leads first, by deadline. */
	List<LetterView.Item> itemsFor(CurrentUser user, UnitView unit, int year) {
		List<AssignmentView> found = assignments.ofUnitDueIn(user, unit.cityId(), unit.id(), year)
			.stream()
			.sorted(Comparator.comparing((AssignmentView a) -> a.leadUnitId() == unit.id() ? 0 : 1)
				.thenComparing(AssignmentView::deadline)
				.thenComparing(AssignmentView::indicatorCode))
			.toList();
		List<LetterView.Item> items = new ArrayList<>();
		for (AssignmentView a : found) {
			items.add(new LetterView.Item(items.size() + 1, a.id(),
					a.leadUnitId() == unit.id() ? LetterView.Role.LEAD : LetterView.Role.COOPERATING, a.indicatorCode(),
					a.indicatorName(), a.targetDescription(), a.deadline(), a.milestones(), person(a.responsible())));
		}
		return items;
	}

	/** Writes the letter as an A4 PDF. 404 outside the caller's scope; {@link FontMissing} without the font. */
	@Transactional(readOnly = true)
	public void pdf(CurrentUser user, long letterId, OutputStream out) {
		LetterView letter = get(user, letterId);
		pdf.write(letter, out);
	}

	/** Whether PDF letters can be made here: the CJK font is installed. */
	public boolean pdfAvailable() {
		return pdf.fontPresent();
	}

	/** The font file PDF letters need ({@code chuangwen.documents.cjk-font}), for messages. */
	public String fontPath() {
		return pdf.fontFile().toString();
	}

	/**
	 * Records the signed and sealed copy (assignment:write): the scan (a PDF or an image, checked by
	 * content through the evidence store) and the date the unit signed. Refused with
	 * {@link InvalidInputException} on field {@code scan} or {@code signedDate}; nothing is changed
	 * then. A letter is recorded as signed once; a second record is refused.
	 */
	@Transactional
	public LetterView recordSigned(CurrentUser office, long letterId, Scan scan, LocalDate signedDate) {
		requireWrite(office);
		LetterView letter = get(office, letterId);
		List<FieldProblem> problems = new ArrayList<>();
		if (letter.state() == LetterView.State.SIGNED) {
			problems.add(FieldProblem.of("scan", "letter.error.alreadySigned", letter.number()));
		}
		if (scan == null || scan.content() == null || scan.name() == null || scan.name().isBlank()) {
			problems.add(FieldProblem.of("scan", "letter.error.scan.required"));
		}
		LocalDate issued = letter.issued().at().atZone(Assignments.ZONE).toLocalDate();
		if (signedDate == null) {
			problems.add(FieldProblem.of("signedDate", "letter.error.signedDate.required"));
		}
		else if (signedDate.isAfter(assignments.today())) {
			problems.add(FieldProblem.of("signedDate", "letter.error.signedDate.future"));
		}
		else if (signedDate.isBefore(issued)) {
			problems.add(FieldProblem.of("signedDate", "letter.error.signedDate.beforeIssue", issued.toString()));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		StoredFile stored;
		try (InputStream in = scan.content()) {
			stored = files.store(letter.cityId(), office.username(), scan.name(), in);
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException(ex.problems()
				.stream()
				.map(p -> new FieldProblem("scan", p.row(), p.messageKey(), p.args()))
				.toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!SCAN_KINDS.contains(stored.kind())) {
			// The transaction rolls back: the stored row goes; the blob stays unreferenced (harmless).
			throw new InvalidInputException(FieldProblem.of("scan", "letter.error.scan.kind", stored.name()));
		}
		if (!store.markSigned(letterId, letter.version(), stored.id(), signedDate, clock.instant(), office.username())) {
			throw new ConflictException("error.conflict");
		}
		audit.record(AuditEntry.of("LETTER_SIGNED")
			.city(letter.cityId())
			.object("responsibility_letter", letterId)
			.change("state", letter.state(), LetterView.State.SIGNED)
			.change("signedDate", null, signedDate)
			.change("scan", null, stored.name() + " (" + stored.id() + ")"));
		return get(office, letterId);
	}

	/** The unit's letters, newest year first; 404 when the unit is outside the caller's scope. */
	@Transactional(readOnly = true)
	public List<LetterView> listFor(CurrentUser user, long unitId) {
		requireRead(user);
		units.get(user.scope(), unitId);
		List<LetterRow> rows = store.ofUnit(unitId);
		Map<Long, StoredFile> scans = files
			.findAll(rows.stream().map(LetterRow::signedFileId).filter(id -> id != null).toList())
			.stream()
			.collect(Collectors.toMap(StoredFile::id, Function.identity()));
		return rows.stream().map(r -> view(r, scans.get(r.signedFileId()))).toList();
	}

	/** One letter with its items; 404 when it does not exist or its unit is outside the caller's scope. */
	@Transactional(readOnly = true)
	public LetterView get(CurrentUser user, long letterId) {
		requireRead(user);
		LetterRow row = store.find(letterId).orElseThrow(() -> new NotFoundException("responsibility letter", letterId));
		if (units.find(user.scope(), row.unitId()).isEmpty()) {
			throw new NotFoundException("responsibility letter", letterId);
		}
		StoredFile scan = row.signedFileId() == null ? null : files.find(row.signedFileId()).orElse(null);
		return view(row, scan);
	}

	/** The scan of the signed copy; 404 when there is none or the caller may not see the letter. */
	@Transactional(readOnly = true)
	public StoredFile signedScan(CurrentUser user, long letterId) {
		LetterView letter = get(user, letterId);
		if (letter.signed() == null) {
			throw new NotFoundException("signed scan of letter", letterId);
		}
		return files.find(letter.signed().fileId())
			.orElseThrow(() -> new NotFoundException("signed scan of letter", letterId));
	}

	/**
	 * The assignments a letter issued now would list: for the issue form to show what the letter
	 * will contain. 404 outside the caller's scope.
	 */
	@Transactional(readOnly = true)
	public List<LetterView.Item> preview(CurrentUser user, long unitId, int year) {
		requireRead(user);
		return itemsFor(user, units.get(user.scope(), unitId), year);
	}

	/** A file name for the PDF: number, unit and the document's name. */
	public String fileName(LetterView letter) {
		return chinese("letter.pdf.fileName", letter.number(), letter.unitName(), String.valueOf(letter.year()));
	}

	private static LetterView.Person person(AssignmentView.Responsible r) {
		return r == null ? new LetterView.Person("", null, null) : new LetterView.Person(r.name(), r.post(), r.phone());
	}

	private LetterView view(LetterRow r, StoredFile scan) {
		LetterView.Signed signed = r.signedFileId() == null ? null
				: new LetterView.Signed(r.signedFileId(), scan == null ? null : scan.name(), r.signedDate(),
						r.signedRecordedAt(), r.signedRecordedBy());
		return new LetterView(r.id(), r.cityId(), r.unitId(), r.unitName(), r.year(),
				new LetterView.Issued(r.number(), r.issuingBody(), r.issuedAt(), r.issuedBy()), signed, r.state(),
				r.version(), store.items(r.id()));
	}

	private CityView city(CurrentUser user, long cityId) {
		return cities.visible(user.scope())
			.stream()
			.filter(c -> c.id() == cityId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("city", cityId));
	}

	/** Document text (numbers, the issuing body): always Chinese, whoever issues it. */
	private String chinese(String key, Object... args) {
		return messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
	}

	static void requireWrite(CurrentUser user) {
		if (!user.can(Permissions.ASSIGNMENT_WRITE) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.ASSIGNMENT_WRITE);
		}
	}

	static void requireRead(CurrentUser user) {
		if (!user.can(Permissions.ASSIGNMENT_READ)) {
			throw new AccessDeniedException(Permissions.ASSIGNMENT_READ);
		}
	}

}
