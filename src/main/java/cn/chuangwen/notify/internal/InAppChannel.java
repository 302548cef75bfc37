package cn.chuangwen.notify.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.chuangwen.notify.Channel;
import cn.chuangwen.notify.NotificationChannel;
import cn.chuangwen.notify.Recipient;
import cn.chuangwen.notify.Reminder;

/** In the app: the stored row is the message; accounts only. */
@Component
class InAppChannel implements NotificationChannel {

	@Override
	public Channel channel() {
		return Channel.IN_APP;
	}

	@Override
	public Optional<Target> target(Recipient recipient) {
		return recipient.isAccount() ? Optional.of(new Target(recipient.username(), null)) : Optional.empty();
	}

	@Override
	public void send(Recipient recipient, Reminder reminder) {
		// The row claimed for it is what the recipient reads.
	}

}
