package uk.ccmt.inforequest;

import static uk.ccmt.system.ProcessVariables.refused;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import uk.ccmt.system.EmailAddress;
import uk.ccmt.system.ProcessVariables;

/**
 * The rules an answer field can have, each turning a submitted value into the value to store
 * (trimmed text, lists of addresses as {@code List<String>}, flags as {@code Boolean}) or refusing
 * it with a message that names the field and says why.
 */
enum FieldRule {

  /** Required text, one name or node name, stripped. */
  TEXT {
    @Override
    Object check(Object value, String field) {
      return text(value, field);
    }
  },
  SFTP_USERNAME {
    @Override
    Object check(Object value, String field) {
      String name = text(value, field);
      if (!SFTP_USERNAME_CHARACTERS.matcher(name).matches()) {
        throw refused(field, "'" + name + "' may hold only letters, digits, '.', '_' and '-'");
      }
      if (name.length() > SFTP_USERNAME_MAX) {
        throw refused(
            field,
            "must be at most " + SFTP_USERNAME_MAX + " characters, this one has " + name.length());
      }
      return name;
    }
  },
  /** Exactly one email address. */
  EMAIL {
    @Override
    Object check(Object value, String field) {
      List<String> entries = entries(value, field, "an email address");
      if (entries.size() != 1) {
        throw refused(
            field,
            "must be one email address, found "
                + entries.size()
                + ": "
                + String.join(", ", entries));
      }
      return email(entries.get(0), field);
    }
  },
  /** One or more email addresses, separated by commas, spaces or new lines. */
  EMAILS {
    @Override
    Object check(Object value, String field) {
      return entries(value, field, "one or more email addresses").stream()
          .map(entry -> email(entry, field))
          .toList();
    }
  },
  PHONE {
    @Override
    Object check(Object value, String field) {
      String phone = text(value, field);
      if (!PHONE_CHARACTERS.matcher(phone).matches()) {
        throw refused(field, "'" + phone + "' may hold only digits, spaces, '+', '(', ')' and '-'");
      }
      long digits = phone.chars().filter(Character::isDigit).count();
      if (digits < 7 || digits > 15) {
        throw refused(field, "must have 7 to 15 digits, '" + phone + "' has " + digits);
      }
      return phone;
    }
  },
  /** One or more IPv4 addresses or CIDR ranges, separated by commas, spaces or new lines. */
  IPV4_RANGES {
    @Override
    Object check(Object value, String field) {
      List<String> entries = entries(value, field, "one or more IPv4 addresses or CIDR ranges");
      entries.forEach(entry -> ipv4Range(entry, field));
      return entries;
    }
  },
  /** One OpenSSH public key line, stored normalised to single spaces. */
  SSH_PUBLIC_KEY {
    @Override
    Object check(Object value, String field) {
      return OpenSshPublicKey.check(text(value, field), field);
    }
  },
  /** A box that must be ticked: the registration is confirmed. */
  REGISTRATION_CONFIRMED {
    @Override
    Object check(Object value, String field) {
      if (Boolean.TRUE.equals(value)
          || value instanceof String text && text.strip().equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      throw refused(
          field,
          value == null
              ? "is required: the registration must be confirmed"
              : "must be true: the registration must be confirmed, not '" + value + "'");
    }
  };

  private static final Pattern LIST_SEPARATORS = Pattern.compile("[,\\s]+");
  private static final Pattern PHONE_CHARACTERS = Pattern.compile("[0-9 +()\\-]+");
  private static final Pattern SFTP_USERNAME_CHARACTERS = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,2}");
  private static final int SFTP_USERNAME_MAX = 32;

  /** A name, node name or key line; the stored answer holds 8,000 characters. */
  private static final int MAX_TEXT = 4_000;

  /** Addresses or ranges in one list, well within the stored answer. */
  private static final int MAX_ENTRIES = 100;

  /** The value to store, or a refusal naming the field. */
  abstract Object check(Object value, String field);

  private static String text(Object value, String field) {
    if (value == null || value instanceof String blank && blank.isBlank()) {
      throw refused(field, "is required");
    }
    if (!(value instanceof String text)) {
      throw refused(field, "must be text, not " + ProcessVariables.kindOf(value));
    }
    if (text.strip().length() > MAX_TEXT) {
      throw refused(
          field,
          "must be at most " + MAX_TEXT + " characters, this one has " + text.strip().length());
    }
    return text.strip();
  }

  private static String email(String entry, String field) {
    if (!EmailAddress.isValid(entry)) {
      throw refused(field, "'" + entry + "' is not an email address such as name@example.co.uk");
    }
    return entry;
  }

  private static void ipv4Range(String entry, String field) {
    String[] addressAndPrefix = entry.split("/", -1);
    if (addressAndPrefix.length > 2) {
      throw refused(
          field, "'" + entry + "' is not an IPv4 address or CIDR range: it has more than one '/'");
    }
    String[] octets = addressAndPrefix[0].split("\\.", -1);
    if (octets.length != 4) {
      throw refused(
          field,
          "'"
              + entry
              + "' is not an IPv4 address or CIDR range: it needs four numbers "
              + "separated by dots, as in 10.0.0.1 or 10.0.0.0/24");
    }
    for (String octet : octets) {
      if (!NUMBER.matcher(octet).matches() || Integer.parseInt(octet) > 255) {
        throw refused(
            field,
            "'"
                + entry
                + "' is not an IPv4 address or CIDR range: '"
                + octet
                + "' must be a number from 0 to 255 without leading zeros");
      }
    }
    if (addressAndPrefix.length == 2) {
      String prefix = addressAndPrefix[1];
      if (!NUMBER.matcher(prefix).matches() || Integer.parseInt(prefix) > 32) {
        throw refused(
            field,
            "'"
                + entry
                + "' is not a CIDR range: the prefix length '"
                + prefix
                + "' must be a number from 0 to 32");
      }
    }
  }

  /** Text with entries separated by commas, spaces or new lines, or a list of such texts. */
  private static List<String> entries(Object value, String field, String expected) {
    List<String> parts = new ArrayList<>();
    if (value instanceof String text) {
      parts.addAll(List.of(LIST_SEPARATORS.split(text.strip())));
    } else if (value instanceof Collection<?> items) {
      for (Object item : items) {
        if (!(item instanceof String text)) {
          throw refused(field, "must hold " + expected + " as text, found " + item);
        }
        parts.addAll(List.of(LIST_SEPARATORS.split(text.strip())));
      }
    } else if (value != null) {
      throw refused(
          field, "must be " + expected + " as text, not " + ProcessVariables.kindOf(value));
    }
    List<String> entries =
        List.copyOf(new LinkedHashSet<>(parts.stream().filter(part -> !part.isEmpty()).toList()));
    if (entries.size() > MAX_ENTRIES) {
      throw refused(
          field, "holds " + entries.size() + " entries; at most " + MAX_ENTRIES + " are taken");
    }
    if (entries.isEmpty()) {
      throw refused(
          field, "is required: " + expected + ", separated by commas, spaces or new lines");
    }
    return entries;
  }
}
