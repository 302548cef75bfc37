package cn.chuangwen.problems;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.files.Upload;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.documents.DocumentKind;
import cn.chuangwen.documents.DocumentNumbers;
import cn.chuangwen.documents.NoticeDocument;
import cn.chuangwen.documents.NoticeDocuments;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.internal.NoticeStore;
import cn.chuangwen.problems.internal.ProblemScope;
import cn.chuangwen.problems.internal.ProblemStore;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * Rectification notices (整改通知书) and supervision letters (督办函): the office groups open
 * problems of one unit into a numbered official document with a deadline and requirements; the
 * unit signs for it (签收) in the system, with the time; a supervision letter also gets the unit's
 * reply (回复) with evidence. The PDF is the city's red-header layout from {@code documents}.
 */
@Service
public class RectificationNotices {

	public static final int MAX_PROBLEMS = 50;

	public static final int MAX_REQUIREMENTS = 2000;

	public enum Kind {

		RECTIFICATION(DocumentKind.RECTIFICATION_NOTICE), SUPERVISION(DocumentKind.SUPERVISION_LETTER);

		private final DocumentKind document;

		Kind(DocumentKind document) {
			this.document = document;
		}

		public DocumentKind document() {
			return document;
		}

		public String messageKey() {
			return "notice.kind." + name();
		}

		static Kind of(String documentKind) {
			return documentKind.equals(SUPERVISION.document.name()) ? SUPERVISION : RECTIFICATION;
		}

	}

	/**
	 * A notice with its problems as the viewer may see them, its signature and reply, and what the
	 * viewer may do; the accessors after the components read through to the parts.
	 */
	public record NoticeView(long id, long cityId, Kind kind, String number, long unitId, String unitName,
			Instant deadline, String requirements, Steps steps, Reply reply, List<ProblemView> problems, Allowed allowed) {

		public String issuedBy() {
			return steps.issuedBy();
		}

		public Instant issuedAt() {
			return steps.issuedAt();
		}

		public String receivedBy() {
			return steps.receivedBy();
		}

		public Instant receivedAt() {
			return steps.receivedAt();
		}

		public String replyText() {
			return reply.text();
		}

		public String repliedBy() {
			return reply.by();
		}

		public Instant repliedAt() {
			return reply.at();
		}

		public List<ReplyFile> files() {
			return reply.files();
		}

		public boolean mayReceive() {
			return allowed.receive();
		}

		public boolean mayReply() {
			return allowed.reply();
		}

	}

	/** Issued by whom and when; signed for by whom and when (null: not yet). */
	public record Steps(String issuedBy, Instant issuedAt, String receivedBy, Instant receivedAt) {
	}

	/** A supervision letter's reply (null text: none yet) and its evidence. */
	public record Reply(String text, String by, Instant at, List<ReplyFile> files) {
	}

	/** What the viewer may do: sign for it, answer it. */
	public record Allowed(boolean receive, boolean reply) {
	}

	public record ReplyFile(long id, long fileId, String name, Instant at) {
	}

	private final NoticeStore store;

	private final ProblemStore problems;

	private final Units units;

	private final Cities cities;

	private final DocumentNumbers numbers;

	private final NoticeDocuments documents;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public RectificationNotices(NoticeStore store, ProblemStore problems, Units units, Cities cities,
			DocumentNumbers numbers, NoticeDocuments documents, EvidenceStore files, AuditTrail audit,
			ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.problems = problems;
		this.units = units;
		this.cities = cities;
		this.numbers = numbers;
		this.documents = documents;
		this.files = files;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Issues a notice to a unit about some of its open problems (dispatched, not closed). Problems
	 * of two units in one notice, a deadline not in the future, or no problem at all is bad input.
	 */
	@Transactional
	public NoticeView issue(CurrentUser user, Kind kind, Long unitId, List<Long> problemIds, Instant deadline,
			String requirements) {
		if (!user.can(Permissions.PROBLEM_WRITE) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.PROBLEM_WRITE);
		}
		List<FieldProblem> bad = new ArrayList<>();
		if (kind == null) {
			bad.add(FieldProblem.of("kind", "notice.error.kind"));
		}
		if (unitId == null) {
			bad.add(FieldProblem.of("unitId", "problem.error.unit"));
		}
		Set<Long> ids = new LinkedHashSet<>(problemIds == null ? List.of() : problemIds);
		ids.remove(null);
		if (ids.isEmpty()) {
			bad.add(FieldProblem.of("problemIds", "notice.error.problems.required"));
		}
		else if (ids.size() > MAX_PROBLEMS) {
			bad.add(FieldProblem.of("problemIds", "notice.error.problems.tooMany", MAX_PROBLEMS));
		}
		Instant now = clock.instant();
		if (deadline == null) {
			bad.add(FieldProblem.of("deadline", "problem.error.deadline.required"));
		}
		else if (!deadline.isAfter(now)) {
			bad.add(FieldProblem.of("deadline", "problem.error.deadline.past"));
		}
		if (requirements != null && requirements.length() > MAX_REQUIREMENTS) {
			bad.add(FieldProblem.of("requirements", "problem.error.tooLong", MAX_REQUIREMENTS));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		UnitView unit = units.find(user.scope(), unitId)
			.filter(u -> u.cityId() == user.cityId())
			.orElseThrow(() -> new NotFoundException("unit", unitId));
		ProblemScope scope = ProblemScope.of(user);
		List<ProblemStore.Row> rows = new ArrayList<>();
		for (long id : ids) {
			ProblemStore.Row row = problems.find(scope, id).orElseThrow(() -> new NotFoundException("problem", id));
			if (row.unitId() != unit.id()) {
				throw new InvalidInputException(FieldProblem.of("problemIds", "notice.error.otherUnit", row.code()));
			}
			if (row.state() == ProblemState.PENDING || row.state() == ProblemState.CLOSED) {
				throw new InvalidInputException(FieldProblem.of("problemIds", "notice.error.notOpen", row.code()));
			}
			rows.add(row);
		}
		CityView city = city(user.cityId());
		DocumentNumbers.DocumentNumber number = numbers.next(city, kind.document(),
				LocalDate.ofInstant(now, Problems.ZONE).getYear());
		String text = requirements == null || requirements.isBlank() ? null : requirements.strip();
		long id = store.insert(new NoticeStore.NewNotice(city.id(), kind.document().name(), number.text(), unit.id(),
				deadline, text, documents.issuingBody(city.name()), user.username(), now, List.copyOf(ids)));
		audit.record(AuditEntry.of("NOTICE_ISSUE")
			.city(city.id())
			.object("problem_notice", id)
			.change("kind", null, kind)
			.change("number", null, number.text())
			.change("unit", null, unit.name())
			.change("problems", null, rows.stream().map(ProblemStore.Row::code).toList())
			.change("deadline", null, deadline));
		events.publishEvent(new NoticeIssued(id, city.id(), unit.id(), kind.name(), number.text(), deadline, now));
		return get(user, id);
	}

	@Transactional(readOnly = true)
	public NoticeView get(CurrentUser user, long id) {
		return view(user, visible(user, id));
	}

	@Transactional(readOnly = true)
	public Page<NoticeView> page(CurrentUser user, Long unitId, boolean unreceived, PageRequest page) {
		return store.page(ProblemScope.of(user), user.cityId(), unitId, unreceived, page).map(r -> view(user, r));
	}

	/** The notices a problem is on, as the caller may see them. */
	@Transactional(readOnly = true)
	public List<NoticeView> ofProblem(CurrentUser user, long problemId) {
		return store.ofProblem(ProblemScope.of(user), problemId).stream().map(r -> view(user, r)).toList();
	}

	/** Notices of every city issued before {@code before} and not signed for: for the daily chase. */
	@Transactional(readOnly = true)
	public List<Unsigned> unsignedSince(Instant before) {
		return store.unreceivedSince(before)
			.stream()
			.map(r -> new Unsigned(r.id(), r.cityId(), r.unitId(), r.number(), r.issuedAt()))
			.toList();
	}

	/** A notice nobody of its unit has signed for yet. */
	public record Unsigned(long id, long cityId, long unitId, String number, Instant issuedAt) {
	}

	/** The unit signs for the notice (签收); a second signature is a conflict. */
	@Transactional
	public NoticeView receive(CurrentUser user, long id) {
		NoticeStore.Row row = forUnit(user, id);
		if (!store.receive(id, user.username(), clock.instant())) {
			throw new ConflictException("notice.error.received");
		}
		audit.record(AuditEntry.of("NOTICE_RECEIVE")
			.city(row.cityId())
			.object("problem_notice", id)
			.change("receivedBy", null, user.username()));
		return get(user, id);
	}

	/** The unit's reply to a supervision letter (回复), with evidence; signs for it too if not yet. */
	@Transactional
	public NoticeView reply(CurrentUser user, long id, String text, List<Upload> uploads) {
		NoticeStore.Row row = forUnit(user, id);
		if (Kind.of(row.kind()) != Kind.SUPERVISION) {
			throw new ConflictException("notice.error.replyOnlyLetter");
		}
		if (text == null || text.isBlank()) {
			throw new InvalidInputException(FieldProblem.of("text", "problem.error.text.required"));
		}
		if (text.length() > Problems.MAX_TEXT) {
			throw new InvalidInputException(FieldProblem.of("text", "problem.error.tooLong", Problems.MAX_TEXT));
		}
		List<Upload> given = uploads == null ? List.of() : uploads.stream().filter(u -> u != null).toList();
		if (given.size() > Problems.MAX_FILES) {
			throw new InvalidInputException(FieldProblem.of("files", "problem.error.files.tooMany", Problems.MAX_FILES));
		}
		Instant now = clock.instant();
		if (!store.reply(id, text.strip(), user.username(), now)) {
			throw new ConflictException("notice.error.replied");
		}
		List<FieldProblem> refused = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (Upload upload : given) {
			try (InputStream in = upload.content()) {
				StoredFile f = files.store(row.cityId(), user.username(), upload.name(), in);
				store.insertFile(id, f.id(), f.name(), now);
				names.add(f.name());
			}
			catch (InvalidInputException ex) {
				refused.addAll(ex.problems());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (!refused.isEmpty()) {
			// the transaction rolls back: no reply without all of its evidence
			throw new InvalidInputException(refused);
		}
		audit.record(AuditEntry.of("NOTICE_REPLY")
			.city(row.cityId())
			.object("problem_notice", id)
			.change("text", null, text.strip())
			.change("files", null, names.isEmpty() ? null : names));
		return get(user, id);
	}

	/** A notice's printed form: its file name and the PDF's bytes. */
	public record Pdf(String fileName, byte[] content) {
	}

	/** The PDF of a notice the caller may see, laid out once; {@code FontMissing} without the CJK font. */
	@Transactional(readOnly = true)
	public Pdf pdf(CurrentUser user, long id) {
		NoticeDocument document = document(visible(user, id));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		documents.write(document, out);
		return new Pdf(documents.fileName(document), out.toByteArray());
	}

	/** A file of a supervision letter's reply. */
	@Transactional(readOnly = true)
	public StoredFile replyFile(CurrentUser user, long id, long fileRowId) {
		visible(user, id);
		return store.files(id)
			.stream()
			.filter(f -> f.id() == fileRowId)
			.findFirst()
			.flatMap(f -> files.find(f.fileId()))
			.orElseThrow(() -> new NotFoundException("file", fileRowId));
	}

	private NoticeDocument document(NoticeStore.Row row) {
		List<NoticeDocument.Item> items = problems.findAll(ProblemScope.system(), store.problemIds(row.id()))
			.stream()
			.map(p -> new NoticeDocument.Item(p.code(), p.title(), p.category(), p.address(), p.createdAt()))
			.toList();
		return new NoticeDocument(Kind.of(row.kind()).document(), row.number(), row.issuingBody(), row.unitName(),
				row.deadline(), row.requirements(), row.issuedAt(), items);
	}

	private NoticeStore.Row visible(CurrentUser user, long id) {
		return store.find(ProblemScope.of(user), id).orElseThrow(() -> new NotFoundException("notice", id));
	}

	private NoticeStore.Row forUnit(CurrentUser user, long id) {
		if (!user.can(Permissions.PROBLEM_RECTIFY)) {
			throw new AccessDeniedException(Permissions.PROBLEM_RECTIFY);
		}
		NoticeStore.Row row = visible(user, id);
		if (!user.scope().includesUnit(row.cityId(), row.unitPath())) {
			throw new AccessDeniedException(Permissions.PROBLEM_RECTIFY);
		}
		return row;
	}

	private NoticeView view(CurrentUser user, NoticeStore.Row r) {
		ProblemScope scope = ProblemScope.of(user);
		Instant now = clock.instant();
		List<ProblemView> items = problems.findAll(scope, store.problemIds(r.id()))
			.stream()
			.map(p -> Problems.view(p, now))
			.toList();
		boolean unit = user.can(Permissions.PROBLEM_RECTIFY) && user.scope().includesUnit(r.cityId(), r.unitPath());
		Kind kind = Kind.of(r.kind());
		return new NoticeView(r.id(), r.cityId(), kind, r.number(), r.unitId(), r.unitName(), r.deadline(),
				r.requirements(), new Steps(r.issuedBy(), r.issuedAt(), r.receivedBy(), r.receivedAt()),
				new Reply(r.replyText(), r.repliedBy(), r.repliedAt(),
						store.files(r.id()).stream().map(f -> new ReplyFile(f.id(), f.fileId(), f.name(), f.createdAt())).toList()),
				items, new Allowed(unit && r.receivedAt() == null, unit && kind == Kind.SUPERVISION && r.repliedAt() == null));
	}

	private CityView city(long cityId) {
		return cities.visible(DataScope.all())
			.stream()
			.filter(c -> c.id() == cityId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("city", cityId));
	}

}
