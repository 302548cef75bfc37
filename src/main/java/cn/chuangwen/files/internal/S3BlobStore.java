package cn.chuangwen.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects in an S3-compatible bucket, for installations with more than one app node.
 * Uploads are still spooled and checked on the local disk ({@link #scratch()}), then stored with one
 * PUT: S3 makes an object visible whole or not at all, so a reader never sees half a blob. Keys
 * are content hashes, so two nodes storing the same key store the same bytes.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {

	private final S3Client s3;

	private final String bucket;

	private final Path scratchDir;

	public S3BlobStore(S3Client s3, String bucket, Path scratchDir) {
		if (bucket == null || bucket.isBlank()) {
			throw new IllegalArgumentException("chuangwen.files.s3.bucket is required when chuangwen.files.store=s3");
		}
		this.s3 = s3;
		this.bucket = bucket;
		this.scratchDir = scratchDir.toAbsolutePath().normalize();
	}

	/** A client for the settings: checksums only where the API requires them (MinIO, S3Proxy, OSS differ). */
	public static S3BlobStore create(S3Settings settings, Path scratchDir) {
		var builder = S3Client.builder()
			.region(Region.of(settings.region()))
			.forcePathStyle(settings.pathStyle())
			.httpClient(UrlConnectionHttpClient.create())
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
			builder.endpointOverride(URI.create(settings.endpoint()));
		}
		if (settings.accessKey() != null && !settings.accessKey().isBlank()) {
			builder.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
		}
		else {
			builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
		}
		return new S3BlobStore(builder.build(), settings.bucket(), scratchDir);
	}

	@Override
	public Path scratch() throws IOException {
		Files.createDirectories(scratchDir);
		// createTempFile makes the file readable by the owner only (0600 on POSIX): never executable.
		return Files.createTempFile(scratchDir, "upload-", ".part");
	}

	@Override
	public boolean exists(String key) throws IOException {
		return head(key).isPresent();
	}

	@Override
	public void putIfAbsent(String key, Path scratch) throws IOException {
		try {
			if (head(key).isEmpty()) {
				call(() -> s3.putObject(b -> b.bucket(bucket).key(checked(key)), RequestBody.fromFile(scratch)));
			}
		}
		finally {
			Files.deleteIfExists(scratch);
		}
	}

	@Override
	public InputStream open(String key) throws IOException {
		return openIfPresent(key).orElseThrow(() -> new NoSuchFileException(key));
	}

	@Override
	public Optional<InputStream> openIfPresent(String key) throws IOException {
		String k = checked(key);
		try {
			return Optional.of(s3.getObject(b -> b.bucket(bucket).key(k)));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return Optional.empty();
			}
			throw new IOException("S3 GET " + k + " failed: " + ex.getMessage(), ex);
		}
		catch (SdkException ex) {
			throw new IOException("S3 GET " + k + " failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public long size(String key) throws IOException {
		return head(key).orElseThrow(() -> new NoSuchFileException(key)).contentLength();
	}

	/** The client, for the package's tests (bucket set-up and listing). */
	S3Client client() {
		return s3;
	}

	@Override
	public void close() {
		s3.close();
	}

	private Optional<HeadObjectResponse> head(String key) throws IOException {
		String k = checked(key);
		try {
			return Optional.of(s3.headObject(b -> b.bucket(bucket).key(k)));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return Optional.empty();
			}
			throw new IOException("S3 HEAD " + k + " failed: " + ex.getMessage(), ex);
		}
		catch (SdkException ex) {
			throw new IOException("S3 HEAD " + k + " failed: " + ex.getMessage(), ex);
		}
	}

	private static void call(Runnable request) throws IOException {
		try {
			request.run();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		catch (SdkException ex) {
			throw new IOException("S3 request failed: " + ex.getMessage(), ex);
		}
	}

	/** The same key rule as the local store: lower-case segments made by the files module. */
	private static String checked(String key) {
		if (key == null || !LocalBlobStore.KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("bad blob key: " + key);
		}
		return key;
	}

}
