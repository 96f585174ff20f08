package uk.ccmt.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ccmt.demo.*: the demo's users and data. The prod profile turns it off and empties the password.
 *
 * @param enabled whether demo users, participants and defects are created (the demo beans are
 *     conditional on this key; it is listed here so that it is documented with the others)
 * @param password the password of every demo user
 */
@Validated
@ConfigurationProperties("ccmt.demo")
public record DemoProperties(
    @DefaultValue("true") boolean enabled, @DefaultValue("demo") String password) {}
