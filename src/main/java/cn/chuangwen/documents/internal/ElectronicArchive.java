package cn.chuangwen.documents.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.io.output.CloseShieldOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.documents.internal.ArchiveNames;
import cn.chuangwen.documents.internal.ArchiveRows;
import cn.chuangwen.documents.internal.ArchiveRows.Indicator;
import cn.chuangwen.documents.internal.ArchiveRows.Line;

/**
 * The electronic archive (创城电子档案) a city files for the national online document review: for
 * each indicator of a system, the evidence of every approved progress report, as a ZIP streamed
 * to the caller. One folder per indicator ("I-5-1 市容环境卫生"), in it the files named
 * "&lt;unit&gt;-&lt;report id&gt;-&lt;original name&gt;", and {@code index.xlsx} (indicator, unit,
 * report, file, date, reviewer) as the last entry.
 * <p>
 * Built for archives of many GB: database rows come through a cursor in small batches, each file
 * is copied from the evidence store straight into the ZIP (stored uncompressed: photos, PDF and
 * Office files are compressed already), and the index is a streaming workbook that keeps 100
 * rows in memory. Nothing proportional to the archive is held in memory.
 * <p>
 * Only a city office (archive:export) exports, and only its own city's systems (another city's
 * system is 404). Every export is in the trace with its counts, also one that broke off.
 */
@Service
public class ElectronicArchive {

	public static final String INDEX = "index.xlsx";

	/** Rows read from the cursor before their files are looked up together. */
	static final int BATCH = 200;

	static final int BUFFER = 64 * 1024;

	/** The most data rows an .xlsx sheet holds; more files are still archived, the index says it stopped. */
	static final int MAX_INDEX_ROWS = 1_048_575;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(Assignments.ZONE);

	private static final String[] COLUMNS = { "indicatorCode", "indicatorName", "unit", "report", "file", "date",
			"reviewer", "remark" };

	private static final int[] WIDTHS = { 12, 30, 24, 10, 50, 12, 16, 16 };

	/** What an archive holds, computed before it is built: the page shows it so users know what to expect. */
	public record Summary(IndicatorSystemView system, long indicators, long files, long totalBytes) {
	}

	/**
	 * What was written: indicators (folders), files and their bytes, files whose content was
	 * missing from the store (listed in the index, not in the ZIP).
	 */
	public record Result(long indicators, long files, long bytes, long missing) {
	}

	private final ArchiveRows rows;

	private final IndicatorSystems indicators;

	private final Units units;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final TransactionTemplate reading;

	private final TransactionTemplate writing;

	public ElectronicArchive(ArchiveRows rows, IndicatorSystems indicators, Units units, EvidenceStore files,
			AuditTrail audit, MessageSource messages, PlatformTransactionManager transactions) {
		this.rows = rows;
		this.indicators = indicators;
		this.units = units;
		this.files = files;
		this.audit = audit;
		this.messages = messages;
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
		this.writing = new TransactionTemplate(transactions);
	}

	/**
	 * The system, when the caller may export its archive: archive:export and a whole-city (or
	 * wider) data scope, else {@link AccessDeniedException}; a system outside the scope is 404.
	 */
	@Transactional(readOnly = true)
	public IndicatorSystemView check(CurrentUser user, long systemId) {
		if (!user.can(Permissions.ARCHIVE_EXPORT)
				|| !(user.scope().kind() == DataScope.Kind.CITY || user.scope().kind() == DataScope.Kind.ALL)) {
			throw new AccessDeniedException(Permissions.ARCHIVE_EXPORT);
		}
		return indicators.get(user.scope(), systemId);
	}

	/** The systems whose archive the caller may export, newest first. */
	@Transactional(readOnly = true)
	public List<IndicatorSystemView> systems(CurrentUser user) {
		if (!user.can(Permissions.ARCHIVE_EXPORT)) {
			throw new AccessDeniedException(Permissions.ARCHIVE_EXPORT);
		}
		return indicators.list(user.scope())
			.stream()
			.filter(s -> user.cityId() == null || s.cityId() == user.cityId())
			.toList();
	}

	/** Counts and the total size of the files, read without building anything. */
	@Transactional(readOnly = true)
	public Summary summary(CurrentUser user, long systemId) {
		IndicatorSystemView system = check(user, systemId);
		long[] counts = rows.counts(system.cityId(), system.id());
		long[] total = { 0 };
		List<Long> batch = new ArrayList<>(1000);
		rows.forEachFileId(system.cityId(), system.id(), id -> {
			batch.add(id);
			if (batch.size() == 1000) {
				total[0] += size(batch);
				batch.clear();
			}
		});
		total[0] += size(batch);
		return new Summary(system, counts[0], counts[1], total[0]);
	}

	private long size(List<Long> ids) {
		return files.findAll(ids).stream().mapToLong(StoredFile::size).sum();
	}

	/** A download name: the system's name and the archive's. */
	public String fileName(IndicatorSystemView system) {
		return ArchiveNames.safe(text("archive.fileName", system.name()));
	}

	/**
	 * Writes the archive of the system as a ZIP to {@code out} (which stays open) in the caller's
	 * language (index headings). Checks as {@link #check}, before writing anything. A failure while
	 * writing (the client went away, the disk failed) is an {@link UncheckedIOException} after the
	 * trace has recorded the export as failed with what was written so far.
	 */
	public Result export(CurrentUser user, long systemId, OutputStream out) {
		IndicatorSystemView system = reading.execute(s -> check(user, systemId));
		Locale locale = LocaleContextHolder.getLocale();
		Progress progress = new Progress();
		try {
			reading.executeWithoutResult(s -> build(user, system, out, locale, progress));
		}
		catch (RuntimeException ex) {
			writing.executeWithoutResult(s -> audit.record(entry(system, progress).failed()
				.reason(ex.getClass().getSimpleName())));
			throw ex;
		}
		writing.executeWithoutResult(s -> audit.record(entry(system, progress)));
		return progress.result();
	}

	private static AuditEntry entry(IndicatorSystemView system, Progress p) {
		return AuditEntry.of("ARCHIVE_EXPORT")
			.city(system.cityId())
			.object("indicator_system", system.id())
			.change("indicators", null, p.indicators)
			.change("files", null, p.files)
			.change("bytes", null, p.bytes)
			.change("missing", null, p.missing);
	}

	/** Counts as the archive is written; read by the trace also when writing broke off. */
	static final class Progress {

		long indicators;

		long files;

		long bytes;

		long missing;

		Result result() {
			return new Result(indicators, files, bytes, missing);
		}

	}

	private void build(CurrentUser user, IndicatorSystemView system, OutputStream out, Locale locale,
			Progress progress) {
		SXSSFWorkbook workbook = new SXSSFWorkbook(100);
		workbook.setCompressTempFiles(true);
		try {
			ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(CloseShieldOutputStream.wrap(out), BUFFER),
					StandardCharsets.UTF_8);
			// Evidence is JPEG, PNG, WEBP, PDF, DOCX, XLSX: compressed already. Deflating again would
			// cost a core per 50 MB/s and gain nothing; stored blocks run at disk speed.
			zip.setLevel(Deflater.NO_COMPRESSION);
			Index index = new Index(workbook, locale);
			Map<Long, String> unitNames = new HashMap<>();
			ArchiveNames folders = new ArchiveNames();
			byte[] buffer = new byte[BUFFER];
			for (Indicator indicator : ordered(user, system)) {
				String folder = folders.unique(indicator.code() + " " + indicator.name()) + "/";
				zip.putNextEntry(new ZipEntry(folder));
				zip.closeEntry();
				progress.indicators++;
				ArchiveNames names = new ArchiveNames();
				List<Line> batch = new ArrayList<>(BATCH);
				rows.forEach(system.cityId(), system.id(), indicator.id(), line -> {
					batch.add(line);
					if (batch.size() == BATCH) {
						write(user, indicator, folder, names, batch, unitNames, zip, index, buffer, progress);
						batch.clear();
					}
				});
				write(user, indicator, folder, names, batch, unitNames, zip, index, buffer, progress);
			}
			zip.putNextEntry(new ZipEntry(INDEX));
			index.finish();
			workbook.write(CloseShieldOutputStream.wrap(zip));
			zip.closeEntry();
			zip.finish();
			zip.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			workbook.dispose();
			try {
				workbook.close();
			}
			catch (IOException ex) {
				// Only temporary files of the index; dispose() removed them.
			}
		}
	}

	/** The indicators with evidence in tree order (as the system lists them); unknown ones last, by code. */
	private List<Indicator> ordered(CurrentUser user, IndicatorSystemView system) {
		Map<Long, Integer> position = new HashMap<>();
		List<IndicatorView> leaves = indicators.tree(user.scope(), system.id());
		for (int i = 0; i < leaves.size(); i++) {
			position.put(leaves.get(i).id(), i);
		}
		List<Indicator> found = new ArrayList<>(rows.indicators(system.cityId(), system.id()));
		found.sort(Comparator.comparing((Indicator i) -> position.getOrDefault(i.id(), Integer.MAX_VALUE))
			.thenComparing(Indicator::code));
		return found;
	}

	private void write(CurrentUser user, Indicator indicator, String folder, ArchiveNames names, List<Line> batch,
			Map<Long, String> unitNames, ZipOutputStream zip, Index index, byte[] buffer, Progress progress) {
		if (batch.isEmpty()) {
			return;
		}
		Map<Long, StoredFile> stored = files.findAll(batch.stream().map(Line::fileId).toList())
			.stream()
			.collect(Collectors.toMap(StoredFile::id, Function.identity()));
		for (Line line : batch) {
			String unit = unitNames.computeIfAbsent(line.unitId(),
					id -> units.find(user.scope(), id).map(UnitView::name).orElse("#" + id));
			StoredFile file = stored.get(line.fileId());
			String original = file != null ? file.name() : line.name();
			String name = names.unique(unit + "-" + line.reportId() + "-" + original);
			InputStream in = null;
			try {
				in = file == null ? null : files.open(file);
			}
			catch (UncheckedIOException missing) {
				in = null;
			}
			if (in == null) {
				progress.missing++;
				index.row(indicator, unit, line, name, "archive.index.missing");
				continue;
			}
			try (InputStream content = in) {
				ZipEntry entry = new ZipEntry(folder + name);
				if (line.submittedAt() != null) {
					entry.setTimeLocal(LocalDateTime.ofInstant(line.submittedAt(), Assignments.ZONE));
				}
				zip.putNextEntry(entry);
				int n;
				while ((n = content.read(buffer)) > 0) {
					zip.write(buffer, 0, n);
					progress.bytes += n;
				}
				zip.closeEntry();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			progress.files++;
			index.row(indicator, unit, line, name, null);
		}
	}

	/** index.xlsx, filled while the files are written and added as the last entry. */
	private final class Index {

		private final SXSSFSheet sheet;

		private final Locale locale;

		private int next = 1;

		private boolean truncated;

		Index(SXSSFWorkbook workbook, Locale locale) {
			this.locale = locale;
			this.sheet = workbook.createSheet(ArchiveNames.safe(text("archive.index.sheet", locale)));
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			for (int i = 0; i < COLUMNS.length; i++) {
				header.createCell(i).setCellValue(text("archive.index.col." + COLUMNS[i], locale));
				header.getCell(i).setCellStyle(bold);
				sheet.setColumnWidth(i, WIDTHS[i] * 256);
			}
			sheet.createFreezePane(0, 1);
		}

		void row(Indicator indicator, String unit, Line line, String file, String remarkKey) {
			if (next >= MAX_INDEX_ROWS) {
				truncated = true;
				return;
			}
			Row row = sheet.createRow(next++);
			row.createCell(0).setCellValue(indicator.code());
			row.createCell(1).setCellValue(indicator.name());
			row.createCell(2).setCellValue(unit);
			row.createCell(3).setCellValue(line.reportId());
			row.createCell(4).setCellValue(file);
			row.createCell(5).setCellValue(line.submittedAt() == null ? "" : DAY.format(line.submittedAt()));
			row.createCell(6).setCellValue(line.reviewedBy() == null ? "" : line.reviewedBy());
			row.createCell(7).setCellValue(remarkKey == null ? "" : text(remarkKey, locale));
		}

		void finish() {
			if (truncated) {
				sheet.createRow(next).createCell(0).setCellValue(text("archive.index.truncated", locale));
			}
		}

	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LocaleContextHolder.getLocale());
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}

}
