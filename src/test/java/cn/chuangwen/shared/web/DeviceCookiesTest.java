package cn.chuangwen.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The signed device cookie of the public pages: what it signs verifies, anything edited or meant for another purpose does not. */
class DeviceCookiesTest {

	final DeviceCookies cookies = new DeviceCookies("CWTEST", "/t/", "test-device", "test-key-of-this-installation");

	@Test
	void anIssuedValueVerifiesToItsDeviceId() {
		String value = cookies.issue();
		assertThat(cookies.deviceId(value)).contains(value.substring(0, value.indexOf('.')));
	}

	@Test
	void everyDeviceGetsItsOwnId() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			ids.add(cookies.deviceId(cookies.issue()).orElseThrow());
		}
		assertThat(ids).hasSize(1000);
	}

	@Test
	void anEditedIdOrSignatureIsNoDevice() {
		String value = cookies.issue();
		int dot = value.indexOf('.');
		String id = value.substring(0, dot);
		String signature = value.substring(dot + 1);
		char first = id.charAt(0);
		String otherId = (first == 'A' ? 'B' : 'A') + id.substring(1);
		assertThat(cookies.deviceId(otherId + "." + signature)).isEmpty();
		char last = signature.charAt(signature.length() - 1);
		assertThat(cookies.deviceId(id + "." + signature.substring(0, signature.length() - 1) + (last == 'A' ? 'B' : 'A')))
			.isEmpty();
		// an id signed with the id itself, or no signature at all
		assertThat(cookies.deviceId(id + "." + id)).isEmpty();
		assertThat(cookies.deviceId(id)).isEmpty();
		assertThat(cookies.deviceId(id + ".")).isEmpty();
		assertThat(cookies.deviceId(value + ".x")).isEmpty();
	}

	@Test
	void aValueSignedWithAnotherKeyIsNoDevice() {
		String foreign = new DeviceCookies("CWTEST", "/t/", "test-device", "another-installation").issue();
		assertThat(cookies.deviceId(foreign)).isEmpty();
	}

	@Test
	void garbageIsNoDevice() {
		assertThat(cookies.deviceId(null)).isEmpty();
		assertThat(cookies.deviceId("")).isEmpty();
		assertThat(cookies.deviceId("x".repeat(500))).isEmpty();
		assertThat(cookies.deviceId("<script>.alert")).isEmpty();
		String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
		assertThat(cookies.deviceId(b64 + "." + b64)).isEmpty();
	}

	@Test
	void theStoredHashIsNotTheIdAndTheSameForOneDevice() {
		String id = cookies.deviceId(cookies.issue()).orElseThrow();
		assertThat(cookies.hash(id)).hasSize(64).doesNotContain(id).isEqualTo(cookies.hash(id));
	}

	@Test
	void aValueSignedForAnotherPurposeIsNoDeviceAndHashesDiffer() {
		DeviceCookies other = new DeviceCookies("CWTEST", "/t/", "other-device", "test-key-of-this-installation");
		String value = other.issue();
		assertThat(cookies.deviceId(value)).isEmpty();
		String id = other.deviceId(value).orElseThrow();
		assertThat(other.hash(id)).isNotEqualTo(cookies.hash(id));
	}

}
