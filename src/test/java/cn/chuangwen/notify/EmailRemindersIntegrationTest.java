package cn.chuangwen.notify;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.notify.internal.Masks;
import cn.chuangwen.organization.Role;
import cn.chuangwen.tasks.AssignmentView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders by e-mail, with an in-process SMTP server (GreenMail) as the installation's mail
 * server, and a text-message provider that refuses one number. Its own context: the shared one
 * has no mail server.
 */
@IntegrationTest
@Import(EmailRemindersIntegrationTest.RefusingSmsProvider.class)
class EmailRemindersIntegrationTest extends ReminderTest {

	/** The number the provider refuses. */
	static final String REFUSED = "19900001234";

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
		registry.add("chuangwen.notify.base-url", () -> "https://cw.example.gov.cn");
		registry.add("chuangwen.notify.mail-from", () -> "reminders@cw.example.gov.cn");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RefusingSmsProvider {

		@Bean
		@Primary
		SmsGateway refusingSmsGateway() {
			return (phone, text) -> {
				if (phone.equals(REFUSED)) {
					throw new IllegalStateException("provider refused " + phone + ": quota exceeded");
				}
			};
		}

	}

	@Autowired
	Notifications notifications;

	List<MimeMessage> mailTo(String address) throws Exception {
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
					.anyMatch(a -> a.toString().equals(address));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	static String text(MimeMessage message) {
		try {
			return message.getContent().toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aLiaisonWithAnAddressIsEmailedAndAFailingChannelStopsNoOther() throws Exception {
		var c = fixtures.community();
		String address = "liaison." + c.userId() + "@xiantao.gov.cn";
		notifications.saveEmail(c.liaison(), address);
		var noEmail = fixtures.org.account("plain", "xiantao", c.unit().id(), Set.of(Role.UNIT_LIAISON));
		AssignmentView refused = fixtures.assign(c, 3, REFUSED);
		AssignmentView fine = fixtures.assign(c, 1, ReminderFixtures.phone());
		LocalDate day = assignments.today();

		reminders.runFor(day);

		List<MimeMessage> mail = mailTo(address);
		assertThat(mail).hasSize(2);
		MimeMessage first = mail.stream()
			.filter(m -> text(m).contains("/assignments/" + refused.id()))
			.findFirst()
			.orElseThrow();
		assertThat(first.getSubject()).contains(refused.indicatorCode(), "还有 3 天到期");
		assertThat(first.getFrom()[0].toString()).isEqualTo("reminders@cw.example.gov.cn");
		assertThat(text(first)).contains("https://cw.example.gov.cn/assignments/" + refused.id());
		assertThat(jdbc.sql("""
				select recipient, address, delivered from notification
				where channel = 'EMAIL' and user_id = :u order by assignment_id
				""").param("u", c.userId())
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3))
			.list())
			.containsExactly(c.username() + " l***@xiantao.gov.cn true", c.username() + " l***@xiantao.gov.cn true");

		// The refused text message is recorded with its error, masked; the others all went out.
		String error = jdbc.sql("""
				select error from notification where channel = 'SMS' and assignment_id = :a and not delivered
				""").param("a", refused.id()).query(String.class).single();
		assertThat(error).contains("quota exceeded", Masks.phone(REFUSED)).doesNotContain(REFUSED);
		assertThat(jdbc.sql("select count(*) from notification where channel = 'SMS' and assignment_id = :a and delivered")
			.param("a", fine.id()).query(Long.class).single()).isEqualTo(1);
		assertThat(fixtures.inApp(c)).hasSize(2);
		assertThat(jdbc.sql("select count(*) from notification where user_id = :u and channel = 'IN_APP'")
			.param("u", noEmail.id()).query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from notification where user_id = :u and channel = 'EMAIL'")
			.param("u", noEmail.id()).query(Long.class).single()).isZero();

		// Again the same day: no e-mail twice; the refused message is tried again, and fails again.
		List<CityRun> again = reminders.runFor(day);
		assertThat(mailTo(address)).hasSize(2);
		CityRun xiantao = again.stream().filter(r -> r.cityId() == c.unit().cityId()).findFirst().orElseThrow();
		assertThat(xiantao.failed()).isEqualTo(1);
		assertThat(xiantao.sent()).isZero();
		assertThat(jdbc.sql("select count(*) from notification where channel = 'SMS' and assignment_id = :a")
			.param("a", refused.id()).query(Long.class).single()).isEqualTo(1);
	}

}
