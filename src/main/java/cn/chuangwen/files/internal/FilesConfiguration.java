package cn.chuangwen.files.internal;

import java.nio.file.Path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the blob store: the local disk for now; an S3-compatible adapter plugs in here. */
@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

	@Bean
	BlobStore blobStore(FileSettings settings) {
		return new LocalBlobStore(Path.of(settings.root()));
	}

}
