package cn.chuangwen.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every blob store does, whatever holds the bytes: run by one test class per adapter. */
abstract class BlobStoreContract {

	/** A new, empty store. */
	abstract BlobStore store() throws Exception;

	@ParameterizedTest
	@ValueSource(strings = { "../x", "ab/../../x", "/etc/passwd", "AB/cd", "ab//cd", "ab/cd/", "", "a b" })
	void keysCannotLeaveTheRoot(String key) throws Exception {
		var store = store();
		assertThatThrownBy(() -> store.open(key)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> store.exists(key)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void putIfAbsentKeepsTheFirstAndConsumesTheScratch() throws Exception {
		var store = store();
		Path first = store.scratch();
		Files.writeString(first, "same");
		store.putIfAbsent("ab/cd/abcd", first);
		Path second = store.scratch();
		Files.writeString(second, "same");
		store.putIfAbsent("ab/cd/abcd", second);

		assertThat(first).doesNotExist();
		assertThat(second).doesNotExist();
		try (var in = store.open("ab/cd/abcd")) {
			assertThat(new String(in.readAllBytes())).isEqualTo("same");
		}
		assertThat(store.exists("ab/cd/abcd")).isTrue();
		assertThat(store.size("ab/cd/abcd")).isEqualTo(4);
		assertThat(store.exists("ab/cd/ffff")).isFalse();
		assertThat(store.openIfPresent("ab/cd/ffff")).isEmpty();
		assertThatThrownBy(() -> store.open("ab/cd/ffff")).isInstanceOf(NoSuchFileException.class);
		assertThatThrownBy(() -> store.size("ab/cd/ffff")).isInstanceOf(NoSuchFileException.class);
	}

	@Test
	void storesBinaryContentAndThumbnailKeysByteForByte() throws Exception {
		var store = store();
		byte[] bytes = new byte[300_000];
		new java.util.Random(42).nextBytes(bytes);
		Path scratch = store.scratch();
		Files.write(scratch, bytes);
		store.putIfAbsent("thumbs/ab/abcdef.jpg", scratch);

		try (var in = store.openIfPresent("thumbs/ab/abcdef.jpg").orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
		assertThat(store.size("thumbs/ab/abcdef.jpg")).isEqualTo(bytes.length);
	}

	@Test
	void scratchFilesAreNotExecutable() throws Exception {
		Path scratch = store().scratch();
		assertThat(scratch).exists();
		assertThat(Files.isExecutable(scratch)).isFalse();
	}

}
