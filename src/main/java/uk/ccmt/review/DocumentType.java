package uk.ccmt.review;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of document a review may carry, each with the content type it is served as and how its
 * content is recognised: an extension alone proves nothing, so a ".pdf" that is really HTML is
 * refused. Nothing here is ever served inline: HTML, SVG and scripts are no kind at all.
 */
enum DocumentType {
  PDF("pdf", "application/pdf", Container.PDF),
  DOCX(
      "docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      Container.ZIP),
  XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Container.ZIP),
  PPTX(
      "pptx",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      Container.ZIP),
  ODT("odt", "application/vnd.oasis.opendocument.text", Container.ZIP),
  ODS("ods", "application/vnd.oasis.opendocument.spreadsheet", Container.ZIP),
  ODP("odp", "application/vnd.oasis.opendocument.presentation", Container.ZIP),
  TXT("txt", "text/plain;charset=UTF-8", Container.TEXT),
  MD("md", "text/markdown;charset=UTF-8", Container.TEXT);

  private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  private final String extension;
  private final String contentType;
  private final Container container;

  DocumentType(String extension, String contentType, Container container) {
    this.extension = extension;
    this.contentType = contentType;
    this.container = container;
  }

  String extension() {
    return extension;
  }

  String contentType() {
    return contentType;
  }

  static Optional<DocumentType> ofExtension(String extension) {
    return Arrays.stream(values())
        .filter(type -> type.extension.equals(extension.toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  /** Why the content is not a document of this kind, if it is not. */
  Optional<String> contentProblem(byte[] content) {
    return switch (container) {
      case PDF ->
          startsWith(content, PDF_MAGIC)
              ? Optional.empty()
              : Optional.of("is not a PDF document: its content does not begin as a PDF does");
      case ZIP ->
          startsWith(content, ZIP_MAGIC)
              ? Optional.empty()
              : Optional.of(
                  "is not a ." + extension + " document: its content is not an Office document");
      case TEXT -> textProblem(content);
    };
  }

  private static Optional<String> textProblem(byte[] content) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      return Optional.of("is not UTF-8 text");
    }
    if (text.indexOf('\0') >= 0) {
      return Optional.of("is not text: it holds NUL characters");
    }
    String start = text.stripLeading().toLowerCase(Locale.ROOT);
    if (start.startsWith("<!doctype")
        || start.startsWith("<html")
        || start.startsWith("<svg")
        || start.startsWith("<?xml")
        || start.startsWith("<script")) {
      return Optional.of("is HTML, SVG or XML, not plain text; upload it as a PDF instead");
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] content, byte[] magic) {
    if (content.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (content[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private enum Container {
    PDF,
    ZIP,
    TEXT
  }
}
