package uk.ccmt.system;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.UriUtils;

/**
 * A request path as the engine REST API (Jersey) resolves it, whatever its spelling: each segment
 * percent-decoded, matrix parameters (";x=y") dropped, empty segments (double and trailing slashes)
 * dropped, and compared in lower case. A segment that decodes to a slash, a backslash, a semicolon
 * or a dot segment has no honest use here and is refused.
 */
record EnginePath(List<String> segments, List<String> original) {

  /** Thrown for a path that no honest client sends; the caller answers 400. */
  static final class Unreadable extends Exception {
    Unreadable(String reason) {
      super(reason);
    }
  }

  static EnginePath of(String requestUri, String contextPath) throws Unreadable {
    String path = requestUri == null ? "" : requestUri;
    if (contextPath != null && !contextPath.isEmpty() && path.startsWith(contextPath)) {
      path = path.substring(contextPath.length());
    }
    List<String> lower = new ArrayList<>();
    List<String> original = new ArrayList<>();
    for (String raw : path.split("/", -1)) {
      int matrix = raw.indexOf(';');
      String segment = matrix < 0 ? raw : raw.substring(0, matrix);
      String decoded;
      try {
        decoded = UriUtils.decode(segment, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new Unreadable("bad percent-encoding");
      }
      if (decoded.isEmpty()) {
        continue;
      }
      if (decoded.equals(".")
          || decoded.equals("..")
          || decoded.indexOf('/') >= 0
          || decoded.indexOf('\\') >= 0
          || decoded.indexOf(';') >= 0
          || decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new Unreadable("a path segment that is not a name");
      }
      original.add(decoded);
      lower.add(decoded.toLowerCase(Locale.ROOT));
    }
    return new EnginePath(List.copyOf(lower), List.copyOf(original));
  }

  int size() {
    return segments.size();
  }

  String get(int index) {
    return segments.get(index);
  }

  boolean startsWith(String... prefix) {
    if (segments.size() < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (!segments.get(i).equals(prefix[i])) {
        return false;
      }
    }
    return true;
  }

  EnginePath from(int index) {
    return new EnginePath(
        segments.subList(Math.min(index, size()), size()),
        original.subList(Math.min(index, size()), size()));
  }

  /**
   * Matches a pattern of segments: a name matches itself (in lower case), {@code *} any one
   * segment, and a final {@code **} any number of segments, none included.
   */
  boolean matches(String pattern) {
    String[] parts = pattern.isEmpty() ? new String[0] : pattern.split("/");
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].equals("**") && i == parts.length - 1) {
        return true;
      }
      if (i >= segments.size() || !(parts[i].equals("*") || parts[i].equals(segments.get(i)))) {
        return false;
      }
    }
    return parts.length == segments.size();
  }

  @Override
  public String toString() {
    return "/" + String.join("/", segments);
  }
}
