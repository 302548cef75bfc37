package cn.chuangwen.notify.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.chuangwen.notify.Channel;
import cn.chuangwen.notify.NotificationChannel;
import cn.chuangwen.notify.Recipient;
import cn.chuangwen.notify.Reminder;
import cn.chuangwen.notify.SmsGateway;

/**
 * Text messages to the responsible person named on an assignment (责任人), who may have no
 * account; accounts are reached in the app and by e-mail. Stored and logged with the number masked.
 */
@Component
class SmsChannel implements NotificationChannel {

	private final SmsGateway gateway;

	SmsChannel(SmsGateway gateway) {
		this.gateway = gateway;
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public Optional<Target> target(Recipient recipient) {
		if (recipient.isAccount() || recipient.phone() == null || recipient.phone().isBlank()) {
			return Optional.empty();
		}
		String masked = Masks.phone(recipient.phone());
		return Optional.of(new Target(masked, masked));
	}

	@Override
	public void send(Recipient recipient, Reminder reminder) {
		gateway.send(recipient.phone().trim(), reminder.sms());
	}

}
