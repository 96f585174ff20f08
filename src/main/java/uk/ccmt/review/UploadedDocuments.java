package uk.ccmt.review;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import uk.ccmt.system.InvalidInputException;

/**
 * Checks an uploaded document before anything is written: its size (ccmt.documents.max-size), its
 * extension against ccmt.documents.allowed-types, and its content against its extension. The name
 * kept is reduced to safe characters; the type served is the kind's own, never the one the browser
 * sent.
 */
@Component
class UploadedDocuments {

  private final DocumentProperties properties;

  UploadedDocuments(DocumentProperties properties) {
    this.properties = properties;
  }

  Review.Document check(MultipartFile upload) throws IOException {
    long limit = properties.maxSize().toBytes();
    if (upload.getSize() > limit) {
      throw new DocumentTooLargeException(limit);
    }
    if (upload.isEmpty()) {
      throw new InvalidInputException("document", "is empty");
    }
    String name = safeName(upload.getOriginalFilename());
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    Optional<DocumentType> type =
        properties.allowedTypes().stream()
                .map(allowed -> allowed.strip().toLowerCase(Locale.ROOT))
                .anyMatch(extension::equals)
            ? DocumentType.ofExtension(extension)
            : Optional.empty();
    if (type.isEmpty()) {
      throw new InvalidInputException(
          "document",
          "'"
              + name
              + "' is not of a type allowed for reviews; allowed: "
              + String.join(", ", properties.allowedTypes()));
    }
    byte[] content;
    try (InputStream in = upload.getInputStream()) {
      content = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
    }
    if (content.length > limit) {
      throw new DocumentTooLargeException(limit);
    }
    Optional<String> problem = type.get().contentProblem(content);
    if (problem.isPresent()) {
      throw new InvalidInputException("document", "'" + name + "' " + problem.get());
    }
    return new Review.Document(name, type.get().contentType(), content.length, content);
  }

  /**
   * The file name without any path, with only letters, digits, spaces, dots, dashes, underscores.
   */
  static String safeName(String given) {
    String name = given == null ? "" : given.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    name = name.replaceAll("[^A-Za-z0-9 ._-]", "_").strip();
    while (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.length() > 200) {
      name = name.substring(name.length() - 200);
    }
    return name.isBlank() ? "document" : name;
  }

  /** Answered with 413 naming the limit. */
  static class DocumentTooLargeException extends RuntimeException {

    private final long limit;

    DocumentTooLargeException(long limit) {
      super(
          "document: is larger than ccmt.documents.max-size, "
              + org.springframework.util.unit.DataSize.ofBytes(limit).toMegabytes()
              + " MB ("
              + limit
              + " bytes)");
      this.limit = limit;
    }

    long limit() {
      return limit;
    }
  }
}
