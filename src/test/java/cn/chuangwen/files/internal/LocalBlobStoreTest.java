package cn.chuangwen.files.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest extends BlobStoreContract {

	@TempDir
	Path root;

	@Override
	BlobStore store() {
		return new LocalBlobStore(root);
	}

	@Test
	void blobsAreFilesUnderTheRootAndScratchIsOnTheSameDisk() throws Exception {
		var store = new LocalBlobStore(root);
		Path scratch = store.scratch();
		assertThat(scratch.startsWith(root.resolve("tmp"))).isTrue();
		Files.writeString(scratch, "same");
		store.putIfAbsent("ab/cd/abcd", scratch);
		assertThat(root.resolve("ab/cd/abcd")).hasContent("same");
	}

}
