package cn.chuangwen.notify;

/** How a notification reaches its recipient. */
public enum Channel {

	/** A row the recipient reads in the app (the bell and the notifications page). */
	IN_APP,
	/** An e-mail through SMTP, when the installation configures a mail server. */
	EMAIL,
	/** A text message through the {@link SmsGateway}. */
	SMS;

	public String messageKey() {
		return "notify.channel." + name();
	}

}
