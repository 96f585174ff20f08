package uk.ccmt.notification;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders an email from its two templates in templates/mail/: {@code <name>.html} (escaped HTML, a
 * whole document) and {@code <name>.txt} (the plain-text alternative). An engine of its own, as for
 * the notes: emails are rendered in process jobs, outside any web request, and need the text mode
 * too. Features pass plain values; the templates never reach back into a feature.
 */
@Component
public class MailTemplates {

  private final SpringTemplateEngine engine = new SpringTemplateEngine();

  MailTemplates() {
    ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/mail/");
    templates.setTemplateMode(TemplateMode.HTML);
    templates.setTextTemplateModePatterns(Set.of("*.txt"));
    templates.setCharacterEncoding(StandardCharsets.UTF_8.name());
    templates.setCheckExistence(true);
    engine.setTemplateResolver(templates);
  }

  /** Both parts of the email named {@code template}, from the same variables. */
  public Mail render(String template, Map<String, ?> variables) {
    Context context = new Context();
    variables.forEach(context::setVariable);
    return new Mail(
        engine.process(template + ".html", context), engine.process(template + ".txt", context));
  }

  /** One email's HTML and its plain-text alternative. */
  public record Mail(String html, String text) {}
}
