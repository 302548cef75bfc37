package cn.chuangwen.files.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.chuangwen.shared.ImportSettings;

/** Temporary uploads left by an earlier run are removed at start-up; this run's are kept. */
class TempFileSweeperTest {

	@TempDir
	Path root;

	@Test
	void removesFilesOlderThanThisProcessFromEveryTemporaryFolder() throws Exception {
		Path files = root.resolve("files");
		Path imports = root.resolve("imports");
		Path multipart = root.resolve("multipart");
		Instant longAgo = Instant.now().minus(Duration.ofDays(2));
		Path leftScratch = old(Files.createDirectories(files.resolve("tmp")).resolve("upload-1.part"), longAgo);
		Path leftSpool = old(Files.createDirectories(imports).resolve("import-1.xlsx"), longAgo);
		Path leftPart = old(Files.createDirectories(multipart).resolve("upload_abc.tmp"), longAgo);
		Path current = Files.writeString(multipart.resolve("upload_now.tmp"), "in flight");

		new TempFileSweeper(FileSettings.defaults(files.toString()), new ImportSettings(0, null, null, imports.toString()),
				multipart.toString())
			.afterSingletonsInstantiated();

		assertThat(leftScratch).doesNotExist();
		assertThat(leftSpool).doesNotExist();
		assertThat(leftPart).doesNotExist();
		assertThat(current).exists();
	}

	@Test
	void createsMissingFoldersSoTheContainerCanUseThem() {
		Path multipart = root.resolve("not/yet/there");
		new TempFileSweeper(FileSettings.defaults(root.resolve("files").toString()),
				new ImportSettings(0, null, null, root.resolve("imports").toString()), multipart.toString())
			.afterSingletonsInstantiated();
		assertThat(multipart).isDirectory();
		assertThat(root.resolve("files/tmp")).isDirectory();
	}

	static Path old(Path file, Instant time) throws Exception {
		Files.writeString(file, "left over");
		Files.setLastModifiedTime(file, FileTime.from(time));
		return file;
	}

}
