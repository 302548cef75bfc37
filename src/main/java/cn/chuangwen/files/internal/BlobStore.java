package cn.chuangwen.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where file contents live, by key ({@code ab/cd/<sha256>}, {@code thumbs/ab/<sha256>.jpg}).
 * The local disk now, an S3-compatible object store later: nothing outside this package may
 * assume a local disk. Keys are made by the files module, never from user input.
 */
public interface BlobStore {

	/**
	 * A new empty local scratch file to spool an upload into while it is checked. The caller
	 * deletes it, or hands it to {@link #putIfAbsent}.
	 */
	Path scratch() throws IOException;

	boolean exists(String key) throws IOException;

	/**
	 * Stores the scratch file's content under the key, unless the key exists already (content
	 * addressed: same key, same bytes). Either way the scratch file is gone afterwards.
	 * @return true when this call stored the content, false when the key held it already
	 */
	boolean putIfAbsent(String key, Path scratch) throws IOException;

	/** Removes the key's content, if any (a blob written by a transaction that rolled back). */
	void delete(String key) throws IOException;

	/** The content; {@link java.nio.file.NoSuchFileException} when there is none. */
	InputStream open(String key) throws IOException;

	/** The content, or empty when the key holds nothing. */
	Optional<InputStream> openIfPresent(String key) throws IOException;

	/** The content's length in bytes; {@link java.nio.file.NoSuchFileException} when there is none. */
	long size(String key) throws IOException;

}
