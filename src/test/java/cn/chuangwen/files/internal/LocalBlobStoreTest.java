package cn.chuangwen.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalBlobStoreTest {

	@TempDir
	Path root;

	@ParameterizedTest
	@ValueSource(strings = { "../x", "ab/../../x", "/etc/passwd", "AB/cd", "ab//cd", "ab/cd/", "", "a b" })
	void keysCannotLeaveTheRoot(String key) {
		var store = new LocalBlobStore(root);
		assertThatThrownBy(() -> store.open(key)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void putIfAbsentKeepsTheFirstAndConsumesTheScratch() throws Exception {
		var store = new LocalBlobStore(root);
		Path first = store.scratch();
		Files.writeString(first, "same");
		store.putIfAbsent("ab/cd/abcd", first);
		Path second = store.scratch();
		Files.writeString(second, "same");
		store.putIfAbsent("ab/cd/abcd", second);

		assertThat(first).doesNotExist();
		assertThat(second).doesNotExist();
		assertThat(root.resolve("ab/cd/abcd")).hasContent("same");
		assertThat(store.exists("ab/cd/abcd")).isTrue();
		assertThat(store.size("ab/cd/abcd")).isEqualTo(4);
		assertThat(store.openIfPresent("ab/cd/ffff")).isEmpty();
		assertThatThrownBy(() -> store.open("ab/cd/ffff")).isInstanceOf(NoSuchFileException.class);
	}

	@Test
	void scratchFilesAreNotExecutable() throws Exception {
		Path scratch = new LocalBlobStore(root).scratch();
		assertThat(scratch.startsWith(root.resolve("tmp"))).isTrue();
		assertThat(Files.isExecutable(scratch)).isFalse();
	}

}
