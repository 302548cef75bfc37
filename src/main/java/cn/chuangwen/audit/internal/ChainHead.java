package cn.chuangwen.audit.internal;

/** The head of one chain: the last sequence number written and its hash (the tail anchor). */
public record ChainHead(long chainId, long lastSeq, String lastHash) {

	public static ChainHead empty(long chainId) {
		return new ChainHead(chainId, 0, ChainHash.GENESIS);
	}

}
