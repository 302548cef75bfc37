package cn.chuangwen.files.internal;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the blob store by {@code chuangwen.files.store}: {@code local} (the disk under
 * {@code chuangwen.files.root}, the default) or {@code s3} (an S3-compatible object store,
 * {@code chuangwen.files.s3.*}, needed as soon as more than one node serves the app).
 */
@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

	@Bean
	BlobStore blobStore(FileSettings settings, S3Settings s3, @Value("${chuangwen.files.store:local}") String store) {
		return switch (store.trim().toLowerCase(java.util.Locale.ROOT)) {
			case "local", "" -> new LocalBlobStore(Path.of(settings.root()));
			// Uploads are still spooled and checked on the local disk before they go to the bucket.
			case "s3" -> S3BlobStore.create(s3, Path.of(settings.root()).resolve("tmp"));
			default -> throw new IllegalStateException("chuangwen.files.store must be local or s3, not " + store);
		};
	}

}
