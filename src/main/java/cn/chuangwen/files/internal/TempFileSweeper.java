package cn.chuangwen.files.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.chuangwen.shared.ImportSettings;

/**
 * Removes temporary upload files left by a process that stopped mid-request (a crash, kill -9):
 * the servlet container's multipart location, the blob store's scratch files and the imports'
 * spooled workbooks. Runs once while the context starts, before the server takes requests, and
 * removes only files not touched since before this process started, so another node sharing the
 * folder keeps the files it is still writing. Also creates the folders, which the container needs.
 */
@Component
class TempFileSweeper implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(TempFileSweeper.class);

	private final List<Path> folders = new ArrayList<>();

	TempFileSweeper(FileSettings files, ImportSettings imports,
			@Value("${spring.servlet.multipart.location:}") String multipartLocation) {
		folders.add(Path.of(files.root()).resolve("tmp"));
		folders.add(Path.of(imports.tempDir()));
		if (!multipartLocation.isBlank()) {
			folders.add(Path.of(multipartLocation));
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
		int removed = 0;
		for (Path folder : folders) {
			removed += sweep(folder, started);
		}
		if (removed > 0) {
			log.info("Removed {} temporary upload file(s) left by an earlier run", removed);
		}
	}

	/** Deletes the regular files directly in {@code folder} last modified before {@code before}. */
	static int sweep(Path folder, Instant before) {
		try {
			Files.createDirectories(folder);
		}
		catch (IOException ex) {
			log.warn("Cannot create the temporary folder {}: {}", folder, ex.toString());
			return 0;
		}
		int removed = 0;
		try (Stream<Path> files = Files.list(folder)) {
			for (Path f : (Iterable<Path>) files::iterator) {
				try {
					if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
						Files.delete(f);
						removed++;
					}
				}
				catch (IOException ex) {
					log.warn("Cannot remove the temporary file {}: {}", f, ex.toString());
				}
			}
		}
		catch (IOException ex) {
			log.warn("Cannot list the temporary folder {}: {}", folder, ex.toString());
		}
		return removed;
	}

}
