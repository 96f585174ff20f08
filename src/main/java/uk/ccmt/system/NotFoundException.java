package uk.ccmt.system;

/** Something named in the request does not exist; answered with 404. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String what, String id) {
    super(what + " '" + id + "' does not exist");
  }
}
