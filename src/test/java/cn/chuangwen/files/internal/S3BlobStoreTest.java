package cn.chuangwen.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 adapter against S3Proxy, a real S3-API server (in-memory store) run in-process: the
 * same contract as the local store, plus what only a bucket shows.
 */
class S3BlobStoreTest extends BlobStoreContract {

	@RegisterExtension
	final S3ProxyExtension s3proxy = S3ProxyExtension.builder()
		.withCredentials(AuthenticationType.AWS_V2_OR_V4, "access", "secret-key")
		.build();

	@TempDir
	Path scratch;

	private S3BlobStore store;

	@Override
	BlobStore store() {
		var settings = new S3Settings(s3proxy.getUri().toString(), "us-east-1", "evidence", "access", "secret-key",
				true);
		store = S3BlobStore.create(settings, scratch);
		client().createBucket(b -> b.bucket("evidence"));
		return store;
	}

	@AfterEach
	void close() {
		if (store != null) {
			store.close();
		}
	}

	private software.amazon.awssdk.services.s3.S3Client client() {
		return store.client();
	}

	@Test
	void objectsLandInTheBucketUnderTheirKeyAndScratchStaysLocal() throws Exception {
		var s = store();
		Path file = s.scratch();
		assertThat(file.startsWith(scratch)).isTrue();
		java.nio.file.Files.writeString(file, "evidence");
		s.putIfAbsent("ab/cd/abcd", file);

		assertThat(client().listObjectsV2(b -> b.bucket("evidence")).contents()).extracting(S3Object::key)
			.containsExactly("ab/cd/abcd");
	}

	@Test
	void wrongCredentialsFailLoudlyInsteadOfLookingLikeAMissingBlob() throws Exception {
		store();
		var wrong = S3BlobStore.create(new S3Settings(s3proxy.getUri().toString(), "us-east-1", "evidence", "access",
				"not-the-secret", true), scratch);
		try (wrong) {
			assertThatThrownBy(() -> wrong.exists("ab/cd/abcd")).isInstanceOf(java.io.IOException.class);
		}
	}

}
