package cn.chuangwen.shared;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Component;

/**
 * What every import (units, indicators, bulk assignments and those later modules add) goes through:
 * a slot (one import per user, {@code chuangwen.imports.max-concurrent} per node; the rest are refused
 * at once with {@link ImportBusyException}, never queued, so a burst cannot hold threads and memory),
 * and the streaming {@link SheetReader} with the node's limits.
 */
@Component
public class Imports {

	private final ImportSettings settings;

	private final Semaphore node;

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	public Imports(ImportSettings settings) {
		this.settings = settings;
		this.node = new Semaphore(settings.maxConcurrent());
	}

	/** A held slot; closing it lets the next import in. */
	public final class Slot implements AutoCloseable {

		private final String user;

		private boolean open = true;

		private Slot(String user) {
			this.user = user;
		}

		@Override
		public void close() {
			if (open) {
				open = false;
				running.remove(user);
				node.release();
			}
		}

	}

	/** Takes a slot for {@code user} or refuses with {@link ImportBusyException}. */
	public Slot begin(String user) {
		if (!running.add(user)) {
			throw new ImportBusyException("import.busy.user", settings.retryAfter());
		}
		if (!node.tryAcquire()) {
			running.remove(user);
			throw new ImportBusyException("import.busy.node", settings.retryAfter());
		}
		return new Slot(user);
	}

	/** The limits of an import of at most {@code maxRows} data rows from at most {@code maxBytes}. */
	public ImportLimits limits(long maxBytes, int maxRows) {
		return settings.limits(maxBytes, maxRows);
	}

	/** Reads the upload row by row under {@code limits}; see {@link SheetReader}. */
	public void read(InputStream input, SheetReader.Format format, ImportLimits limits, SheetReader.RowHandler rows) {
		SheetReader.read(input, format, limits, Path.of(settings.tempDir()), rows);
	}

	public Path tempDir() {
		return Path.of(settings.tempDir());
	}

}
