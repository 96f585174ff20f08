package uk.ccmt.note;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import uk.ccmt.note.NoteContent.Header;

/**
 * Renders a note from its templates in templates/notes/: {@code <kind>.html} (escaped HTML, one
 * {@code <article>}) and {@code <kind>.txt} (plain text). An engine of its own rather than the web
 * page's: notes are rendered in process jobs, outside any request, and need the text mode too.
 */
@Component
class NoteRenderer {

  private final SpringTemplateEngine engine = new SpringTemplateEngine();

  NoteRenderer() {
    ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/notes/");
    templates.setTemplateMode(TemplateMode.HTML);
    templates.setTextTemplateModePatterns(Set.of("*.txt"));
    templates.setCharacterEncoding(StandardCharsets.UTF_8.name());
    templates.setCheckExistence(true);
    engine.setTemplateResolver(templates);
  }

  Rendered render(NoteKind kind, Header header, Object content) {
    Context context = new Context();
    context.setVariables(Map.of("note", header, "content", content));
    return new Rendered(
        engine.process(kind.template() + ".html", context).strip(),
        engine.process(kind.template() + ".txt", context).strip() + "\n");
  }

  /** The whole HTML email around a note's stored fragment. */
  String email(ReleaseNote note) {
    return email(note, null);
  }

  /** As {@link #email(ReleaseNote)}, with the organisation's acknowledgement link, if any. */
  String email(ReleaseNote note, String acknowledgeLink) {
    Context context = new Context();
    context.setVariables(Map.of("title", note.title(), "bodyHtml", note.bodyHtml()));
    context.setVariable("acknowledgeLink", acknowledgeLink);
    return engine.process("email.html", context);
  }

  record Rendered(String html, String text) {}
}
