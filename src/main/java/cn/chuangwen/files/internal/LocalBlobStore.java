package cn.chuangwen.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Blobs as files under a root directory. Scratch files live in {@code <root>/tmp}, on the same
 * file system, so storing one is an atomic rename: a reader never sees half a blob.
 */
public class LocalBlobStore implements BlobStore {

	/** Lower-case path segments only: no "..", no absolute paths, no surprises. */
	static final Pattern KEY = Pattern.compile("[a-z0-9]+(/[a-z0-9]+)*(\\.[a-z0-9]+)?");

	private final Path root;

	public LocalBlobStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	public Path root() {
		return root;
	}

	@Override
	public Path scratch() throws IOException {
		Path dir = Files.createDirectories(root.resolve("tmp"));
		// createTempFile makes the file readable by the owner only (0600 on POSIX): never executable.
		return Files.createTempFile(dir, "upload-", ".part");
	}

	@Override
	public boolean exists(String key) throws IOException {
		return Files.isRegularFile(path(key));
	}

	@Override
	public boolean putIfAbsent(String key, Path scratch) throws IOException {
		Path target = path(key);
		if (Files.isRegularFile(target)) {
			Files.deleteIfExists(scratch);
			return false;
		}
		Files.createDirectories(target.getParent());
		try {
			// If another upload of the same content won the race, rename replaces it with equal bytes.
			Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(scratch, target, StandardCopyOption.REPLACE_EXISTING);
		}
		return true;
	}

	@Override
	public void delete(String key) throws IOException {
		Files.deleteIfExists(path(key));
	}

	@Override
	public InputStream open(String key) throws IOException {
		return Files.newInputStream(path(key));
	}

	@Override
	public Optional<InputStream> openIfPresent(String key) throws IOException {
		try {
			return Optional.of(Files.newInputStream(path(key)));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	@Override
	public long size(String key) throws IOException {
		return Files.size(path(key));
	}

	/** The file of a key, checked to stay under the root. */
	Path path(String key) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("bad blob key: " + key);
		}
		Path p = root.resolve(key).normalize();
		if (!p.startsWith(root)) {
			throw new IllegalArgumentException("bad blob key: " + key);
		}
		return p;
	}

}
