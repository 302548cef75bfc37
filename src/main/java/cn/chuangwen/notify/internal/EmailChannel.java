package cn.chuangwen.notify.internal;

import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import cn.chuangwen.notify.Channel;
import cn.chuangwen.notify.NotificationChannel;
import cn.chuangwen.notify.Recipient;
import cn.chuangwen.notify.Reminder;

/**
 * E-mail through SMTP, only when the installation configures a mail server
 * ({@code spring.mail.host}) and only to accounts that gave an address.
 */
@Component
class EmailChannel implements NotificationChannel {

	private final ObjectProvider<JavaMailSender> sender;

	private final NotifySettings settings;

	EmailChannel(ObjectProvider<JavaMailSender> sender, NotifySettings settings) {
		this.sender = sender;
		this.settings = settings;
	}

	@Override
	public Channel channel() {
		return Channel.EMAIL;
	}

	@Override
	public Optional<Target> target(Recipient recipient) {
		if (!recipient.isAccount() || recipient.email() == null || sender.getIfAvailable() == null) {
			return Optional.empty();
		}
		return Optional.of(new Target(recipient.username(), Masks.email(recipient.email())));
	}

	@Override
	public void send(Recipient recipient, Reminder reminder) throws Exception {
		JavaMailSender mail = sender.getObject();
		MimeMessage message = mail.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
		helper.setFrom(settings.mailFrom());
		helper.setTo(recipient.email());
		helper.setSubject(reminder.title());
		helper.setText(reminder.body());
		mail.send(message);
	}

}
