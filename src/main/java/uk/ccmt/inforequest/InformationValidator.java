package uk.ccmt.inforequest;

import static uk.ccmt.system.ProcessVariables.refused;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import uk.ccmt.system.TextInput;

/**
 * Checks what a participant submits for an information request, field by field in the order of
 * {@link RequestType#fields()}, and returns the values to store: trimmed text, lists of addresses as
 * {@code List<String>}, flags as {@code Boolean}. The first invalid field is refused with
 * {@link uk.ccmt.system.ProcessVariables#refused}, so the task stays open and the message says which
 * field is wrong and why. The forms check the same rules; this is the check that counts.
 */
@Component
public class InformationValidator {

  /** Deliberately plain, as for participant contacts: one @, no spaces, a dot in the domain. */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s.,;]+");
  private static final Pattern LIST_SEPARATORS = Pattern.compile("[,\\s]+");
  private static final Pattern PHONE = Pattern.compile("[0-9 +()\\-]+");
  private static final Pattern SFTP_USERNAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,2}");
  private static final int SFTP_USERNAME_MAX = 32;
  /** A name, node name or key line; the stored answer holds 8,000 characters. */
  private static final int MAX_TEXT = 4_000;
  /** Addresses or ranges in one list, well within the stored answer. */
  private static final int MAX_ENTRIES = 100;
  private static final int RSA_MIN_BITS = 2048;
  private static final String KEY_TYPES = "ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa of 2048 bits or more";
  /** Bytes of one coordinate of an ECDSA public point, by curve. */
  private static final Map<String, Integer> ECDSA_COORDINATE_BYTES =
      Map.of("nistp256", 32, "nistp384", 48, "nistp521", 66);

  public Map<String, Object> validate(RequestType type, Map<String, Object> submitted) {
    if (type == null) {
      throw refused("requestType", "is required");
    }
    Map<String, Object> values = submitted == null ? Map.of() : submitted;
    Map<String, Object> normalised = new LinkedHashMap<>();
    for (String field : type.fields()) {
      normalised.put(field, check(field, values.get(field)));
    }
    return Collections.unmodifiableMap(normalised);
  }

  private Object check(String field, Object value) {
    // TextInput's rule first, for every field: no NUL or control characters in what is stored
    if (value instanceof String text) {
      characters(text, field);
    } else if (value instanceof Collection<?> items) {
      items.stream().filter(String.class::isInstance).forEach(item -> characters((String) item, field));
    }
    return switch (field) {
      case "contactName", "ixNodeName", "confirmedBy" -> text(value, field);
      case "sftpUsername" -> sftpUsername(value, field);
      case "contactEmail", "apiContactEmail" -> oneEmail(value, field);
      case "rqmUserEmails" -> emails(value, field);
      case "contactPhone" -> phone(value, field);
      case "sourceIpAddresses" -> ipv4Ranges(value, field);
      case "sshPublicKey" -> sshPublicKey(value, field);
      case "registrationConfirmed" -> confirmed(value, field);
      default -> throw new IllegalStateException("No rule for field " + field);
    };
  }

  private static void characters(String text, String field) {
    TextInput.characterProblem(text, true).ifPresent(reason -> {
      throw refused(field, reason);
    });
  }

  private static String text(Object value, String field) {
    if (value == null || value instanceof String blank && blank.isBlank()) {
      throw refused(field, "is required");
    }
    if (!(value instanceof String text)) {
      throw refused(field, "must be text, not a " + value.getClass().getSimpleName());
    }
    if (text.strip().length() > MAX_TEXT) {
      throw refused(field, "must be at most " + MAX_TEXT + " characters, this one has " + text.strip().length());
    }
    return text.strip();
  }

  private static String sftpUsername(Object value, String field) {
    String name = text(value, field);
    if (!SFTP_USERNAME.matcher(name).matches()) {
      throw refused(field, "'" + name + "' may hold only letters, digits, '.', '_' and '-'");
    }
    if (name.length() > SFTP_USERNAME_MAX) {
      throw refused(field, "must be at most " + SFTP_USERNAME_MAX + " characters, this one has " + name.length());
    }
    return name;
  }

  private static String oneEmail(Object value, String field) {
    List<String> entries = entries(value, field, "an email address");
    if (entries.size() != 1) {
      throw refused(field, "must be one email address, found " + entries.size() + ": " + String.join(", ", entries));
    }
    return email(entries.get(0), field);
  }

  private static List<String> emails(Object value, String field) {
    return entries(value, field, "one or more email addresses").stream().map(entry -> email(entry, field)).toList();
  }

  private static String email(String entry, String field) {
    if (!EMAIL.matcher(entry).matches()) {
      throw refused(field, "'" + entry + "' is not an email address such as name@example.co.uk");
    }
    return entry;
  }

  private static String phone(Object value, String field) {
    String phone = text(value, field);
    if (!PHONE.matcher(phone).matches()) {
      throw refused(field, "'" + phone + "' may hold only digits, spaces, '+', '(', ')' and '-'");
    }
    long digits = phone.chars().filter(Character::isDigit).count();
    if (digits < 7 || digits > 15) {
      throw refused(field, "must have 7 to 15 digits, '" + phone + "' has " + digits);
    }
    return phone;
  }

  private static List<String> ipv4Ranges(Object value, String field) {
    List<String> entries = entries(value, field, "one or more IPv4 addresses or CIDR ranges");
    entries.forEach(entry -> ipv4Range(entry, field));
    return entries;
  }

  private static void ipv4Range(String entry, String field) {
    String[] addressAndPrefix = entry.split("/", -1);
    if (addressAndPrefix.length > 2) {
      throw refused(field, "'" + entry + "' is not an IPv4 address or CIDR range: it has more than one '/'");
    }
    String[] octets = addressAndPrefix[0].split("\\.", -1);
    if (octets.length != 4) {
      throw refused(field, "'" + entry + "' is not an IPv4 address or CIDR range: it needs four numbers "
          + "separated by dots, as in 10.0.0.1 or 10.0.0.0/24");
    }
    for (String octet : octets) {
      if (!NUMBER.matcher(octet).matches() || Integer.parseInt(octet) > 255) {
        throw refused(field, "'" + entry + "' is not an IPv4 address or CIDR range: '" + octet
            + "' must be a number from 0 to 255 without leading zeros");
      }
    }
    if (addressAndPrefix.length == 2) {
      String prefix = addressAndPrefix[1];
      if (!NUMBER.matcher(prefix).matches() || Integer.parseInt(prefix) > 32) {
        throw refused(field, "'" + entry + "' is not a CIDR range: the prefix length '" + prefix
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
      throw refused(field, "must be " + expected + " as text, not a " + value.getClass().getSimpleName());
    }
    List<String> entries = List.copyOf(new LinkedHashSet<>(parts.stream().filter(part -> !part.isEmpty()).toList()));
    if (entries.size() > MAX_ENTRIES) {
      throw refused(field, "holds " + entries.size() + " entries; at most " + MAX_ENTRIES + " are taken");
    }
    if (entries.isEmpty()) {
      throw refused(field, "is required: " + expected + ", separated by commas, spaces or new lines");
    }
    return entries;
  }

  private static Boolean confirmed(Object value, String field) {
    if (Boolean.TRUE.equals(value) || value instanceof String text && text.strip().equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    throw refused(field, value == null ? "is required: the registration must be confirmed"
        : "must be true: the registration must be confirmed, not '" + value + "'");
  }

  private static String sshPublicKey(Object value, String field) {
    String line = text(value, field);
    if (line.lines().count() > 1) {
      throw refused(field, "must be one line: 'type base64-key [comment]', as in a .pub file");
    }
    String[] parts = line.split("\\s+", 3);
    if (parts.length < 2) {
      throw refused(field, "is not an OpenSSH public key: expected 'type base64-key [comment]', as in a .pub file");
    }
    String declared = parts[0];
    if (declared.equals("ssh-dss")) {
      throw refused(field, "DSA keys (ssh-dss) are not accepted; use " + KEY_TYPES);
    }
    if (!declared.equals("ssh-ed25519") && !declared.equals("ssh-rsa") && ecdsaCurve(declared).isEmpty()) {
      throw refused(field, "'" + abbreviate(declared) + "' is not a supported key type; use " + KEY_TYPES);
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw refused(field, "the key data after '" + declared + "' is not valid base64");
    }
    try {
      checkKeyBlob(declared, ByteBuffer.wrap(blob), field);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw refused(field, "the " + declared + " key data is truncated or malformed");
    }
    return String.join(" ", parts);
  }

  /** The blob is in SSH wire format (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4). */
  private static void checkKeyBlob(String declared, ByteBuffer blob, String field) {
    String inner = new String(sshString(blob), StandardCharsets.US_ASCII);
    if (!inner.equals(declared)) {
      throw refused(field, "the key data is for '" + abbreviate(inner) + "' but the line says '" + declared + "'");
    }
    if (declared.equals("ssh-rsa")) {
      BigInteger exponent = new BigInteger(sshString(blob));
      BigInteger modulus = new BigInteger(sshString(blob));
      if (exponent.signum() <= 0 || modulus.signum() <= 0) {
        throw refused(field, "the ssh-rsa key data is malformed: exponent and modulus must be positive");
      }
      if (modulus.bitLength() < RSA_MIN_BITS) {
        throw refused(field, "an ssh-rsa key must have at least " + RSA_MIN_BITS + " bits, this one has "
            + modulus.bitLength());
      }
    } else if (declared.equals("ssh-ed25519")) {
      int length = sshString(blob).length;
      if (length != 32) {
        throw refused(field, "an ssh-ed25519 key must be 32 bytes, this one has " + length);
      }
    } else {
      String curve = ecdsaCurve(declared).orElseThrow();
      String innerCurve = new String(sshString(blob), StandardCharsets.US_ASCII);
      if (!innerCurve.equals(curve)) {
        throw refused(field, "the key data is for curve '" + abbreviate(innerCurve) + "' but the line says '"
            + declared + "'");
      }
      byte[] point = sshString(blob);
      int expected = 1 + 2 * ECDSA_COORDINATE_BYTES.get(curve);
      if (point.length != expected || point[0] != 0x04) {
        throw refused(field, "the " + declared + " key data does not hold an uncompressed " + curve + " point");
      }
    }
    if (blob.hasRemaining()) {
      throw refused(field, "the " + declared + " key data has " + blob.remaining() + " unexpected bytes at the end");
    }
  }

  private static Optional<String> ecdsaCurve(String keyType) {
    String prefix = "ecdsa-sha2-";
    return keyType.startsWith(prefix) && ECDSA_COORDINATE_BYTES.containsKey(keyType.substring(prefix.length()))
        ? Optional.of(keyType.substring(prefix.length())) : Optional.empty();
  }

  private static byte[] sshString(ByteBuffer blob) {
    int length = blob.getInt();
    if (length < 0 || length > blob.remaining()) {
      throw new IllegalArgumentException("length " + length + " exceeds the data");
    }
    byte[] bytes = new byte[length];
    blob.get(bytes);
    return bytes;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
