package uk.ccmt.system;

import java.util.Map;

/** The request clashes with the current state; answered with 409. */
public class ConflictException extends RuntimeException {

  private final String title;
  private final Map<String, Object> properties;

  public ConflictException(String title, String detail) {
    this(title, detail, Map.of());
  }

  public ConflictException(String title, String detail, Map<String, Object> properties) {
    super(detail);
    this.title = title;
    this.properties = Map.copyOf(properties);
  }

  public String title() {
    return title;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
