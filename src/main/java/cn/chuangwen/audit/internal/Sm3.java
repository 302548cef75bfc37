package cn.chuangwen.audit.internal;

import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SM3Digest;

/** SM3 (GB/T 32905), the 国密 hash the trace is chained with. */
public final class Sm3 {

	private static final HexFormat HEX = HexFormat.of();

	private Sm3() {
	}

	public static byte[] digest(byte[] message) {
		SM3Digest d = new SM3Digest();
		d.update(message, 0, message.length);
		byte[] out = new byte[d.getDigestSize()];
		d.doFinal(out, 0);
		return out;
	}

	/** Lower-case hex of the SM3 digest: 64 characters. */
	public static String hexDigest(byte[] message) {
		return HEX.formatHex(digest(message));
	}

}
