package uk.ccmt.notification;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ccmt.mail.*: the product's mail settings; the relay itself is Spring's spring.mail.*.
 *
 * @param from the sender of every email
 */
@Validated
@ConfigurationProperties("ccmt.mail")
record MailSenderProperties(
    @DefaultValue("CCMT Release Management <release-management@ccmt.example>") @NotBlank
        String from) {}
