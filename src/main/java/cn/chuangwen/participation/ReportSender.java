package cn.chuangwen.participation;

/**
 * Who sends a report, as far as the system keeps it: the channel; the keyed hash of the client
 * address (counts a sender's reports without storing the address); the office account that entered
 * a hotline call or report-box letter; the Open311 partner key.
 */
public record ReportSender(ReportChannel channel, String senderHash, String enteredBy, Long partnerKeyId) {

	public static ReportSender web(String senderHash) {
		return new ReportSender(ReportChannel.WEB, senderHash, null, null);
	}

}
