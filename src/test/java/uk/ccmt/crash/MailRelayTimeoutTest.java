package uk.ccmt.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The finding "the mail session has no connect or read time-out": a relay that accepts the
 * connection and never answers must make the delivery fail, so that its job retries, instead of
 * holding the job (and its lock) for ever. The relay here is a server socket that accepts and never
 * writes a byte, not even the SMTP greeting.
 */
class MailRelayTimeoutTest {

  private ServerSocket silentRelay;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  @BeforeEach
  void relayThatAcceptsAndNeverAnswers() throws IOException {
    silentRelay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!silentRelay.isClosed()) {
                try {
                  held.add(silentRelay.accept());
                } catch (IOException e) {
                  return;
                }
              }
            },
            "silent-relay");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void closeRelay() throws IOException {
    silentRelay.close();
    for (Socket socket : held) {
      socket.close();
    }
  }

  @Test
  void shouldShipConnectReadAndWriteTimeOutsForTheMailSession() throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addLast(shippedConfiguration());

    Map<String, String> session =
        Binder.get(environment)
            .bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
            .get();

    assertThat(session)
        .containsEntry("mail.smtp.connectiontimeout", "10000")
        .containsEntry("mail.smtp.timeout", "30000")
        .containsEntry("mail.smtp.writetimeout", "30000");
  }

  /**
   * The shipped session settings, with the read time-out shortened from 30 s to keep the build
   * fast.
   */
  @Test
  void shouldFailADeliveryToARelayThatNeverAnswersWithinTheReadTimeOut() throws IOException {
    PropertySource<?> shipped = shippedConfiguration();
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
        .withInitializer(context -> context.getEnvironment().getPropertySources().addLast(shipped))
        .withPropertyValues(
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=" + silentRelay.getLocalPort(),
            "spring.mail.properties[mail.smtp.timeout]=1500")
        .run(
            context -> {
              JavaMailSenderImpl sender = context.getBean(JavaMailSenderImpl.class);
              assertThat(sender.getJavaMailProperties())
                  .containsEntry("mail.smtp.connectiontimeout", "10000")
                  .containsEntry("mail.smtp.writetimeout", "30000");

              long started = System.nanoTime();
              assertThatThrownBy(() -> sender.send(message()))
                  .isInstanceOf(MailSendException.class)
                  .hasRootCauseInstanceOf(SocketTimeoutException.class);
              Duration took = Duration.ofNanos(System.nanoTime() - started);
              assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(10));
              assertThat(held).as("the relay accepted the connection").isNotEmpty();
            });
  }

  /** What the time-outs prevent: without them the same delivery is still waiting long after. */
  @Test
  void shouldHangWithoutTheTimeOuts() throws Exception {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(silentRelay.getLocalPort());

    CompletableFuture<Void> delivery = CompletableFuture.runAsync(() -> sender.send(message()));
    Thread.sleep(3000);
    assertThat(delivery).as("a delivery without time-outs, after 3 s").isNotDone();

    closeRelay();
    assertThat(delivery).failsWithin(10, TimeUnit.SECONDS);
  }

  private static PropertySource<?> shippedConfiguration() throws IOException {
    return new YamlPropertySourceLoader()
        .load("application.yaml", new ClassPathResource("application.yaml"))
        .get(0);
  }

  private static SimpleMailMessage message() {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom("release-management@ccmt.example");
    message.setTo("contact@participant.example");
    message.setSubject("Provisional release note R-2026-W50");
    message.setText("The week's release.");
    return message;
  }
}
