package cn.chuangwen.files.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The S3-compatible object store for evidence ({@code chuangwen.files.s3.*}), used when
 * {@code chuangwen.files.store=s3}: AWS S3, MinIO, Ceph RGW, Alibaba OSS or any other S3 API.
 *
 * @param endpoint the service URL (e.g. {@code http://127.0.0.1:9000}); blank for AWS itself
 * @param region the signing region ({@code us-east-1} when the store does not care)
 * @param bucket the bucket, which must exist
 * @param accessKey the access key; blank to take the SDK's default credentials chain
 * @param secretKey the secret key
 * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key}; most
 * self-hosted stores need it
 */
@ConfigurationProperties("chuangwen.files.s3")
public record S3Settings(String endpoint, String region, String bucket, String accessKey, String secretKey,
		boolean pathStyle) {

	public S3Settings {
		region = region == null || region.isBlank() ? "us-east-1" : region;
	}

	@Override
	public String toString() {
		// Never print the secret key (startup failure analysis prints bound properties).
		return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", pathStyle="
				+ pathStyle + "]";
	}

}
