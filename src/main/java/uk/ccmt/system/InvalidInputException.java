package uk.ccmt.system;

/** A request value that makes no sense; answered with 400 naming the field. */
public class InvalidInputException extends RuntimeException {

  private final String field;

  public InvalidInputException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return getMessage().substring(field.length() + 2);
  }
}
