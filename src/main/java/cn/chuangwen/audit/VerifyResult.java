package cn.chuangwen.audit;

import java.io.Serializable;

/**
 * The outcome of checking the trace. When {@code ok} is false, {@code chainId} and
 * {@code firstBrokenSeq} name the first place (lowest chain, then lowest sequence number) where
 * the stored rows stop forming an unbroken chain: a row whose fields or hash changed, a missing
 * sequence number, a number claimed twice or out of order, a row past the chain head, or the
 * first number missing below the head (a truncated tail). {@code checked} counts the rows read.
 */
public record VerifyResult(boolean ok, long checked, Long firstBrokenSeq, Long chainId) implements Serializable {

	public static VerifyResult ok(long checked) {
		return new VerifyResult(true, checked, null, null);
	}

	public static VerifyResult broken(long checked, long chainId, long firstBrokenSeq) {
		return new VerifyResult(false, checked, firstBrokenSeq, chainId);
	}

}
