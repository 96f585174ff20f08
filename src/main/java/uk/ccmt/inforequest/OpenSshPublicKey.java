package uk.ccmt.inforequest;

import static uk.ccmt.system.ProcessVariables.refused;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.bouncycastle.crypto.util.SSHNamedCurves;

/**
 * An OpenSSH public key line ({@code type base64-key [comment]}, as in a .pub file), read by Bouncy
 * Castle: the key data must be the declared type, an ECDSA point must lie on its curve, an RSA
 * modulus must have 2048 bits or more, and the data must be in OpenSSH's own encoding (no trailing
 * bytes, no compressed points, which sshd refuses).
 */
final class OpenSshPublicKey {

  private static final int RSA_MIN_BITS = 2048;
  private static final int ED25519_BYTES = 32;
  private static final Set<String> TYPES =
      Set.of(
          "ssh-ed25519",
          "ssh-rsa",
          "ecdsa-sha2-nistp256",
          "ecdsa-sha2-nistp384",
          "ecdsa-sha2-nistp521");
  private static final String KEY_TYPES =
      "ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa of 2048 bits or more";

  private OpenSshPublicKey() {}

  /** The key line on one line with single spaces, or a refusal naming the field. */
  static String check(String line, String field) {
    if (line.lines().count() > 1) {
      throw refused(field, "must be one line: 'type base64-key [comment]', as in a .pub file");
    }
    String[] parts = line.split("\\s+", 3);
    if (parts.length < 2) {
      throw refused(
          field,
          "is not an OpenSSH public key: expected 'type base64-key [comment]', as in a .pub file");
    }
    String declared = parts[0];
    if (declared.equals("ssh-dss")) {
      throw refused(field, "DSA keys (ssh-dss) are not accepted; use " + KEY_TYPES);
    }
    if (!TYPES.contains(declared)) {
      throw refused(
          field, "'" + abbreviate(declared) + "' is not a supported key type; use " + KEY_TYPES);
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw refused(field, "the key data after '" + declared + "' is not valid base64");
    }
    AsymmetricKeyParameter key = parse(declared, blob, field);
    String inner = typeOf(key);
    if (!inner.equals(declared)) {
      throw refused(
          field,
          "the key data is for '" + abbreviate(inner) + "' but the line says '" + declared + "'");
    }
    if (key instanceof RSAKeyParameters rsa && rsa.getModulus().bitLength() < RSA_MIN_BITS) {
      throw refused(
          field,
          "an ssh-rsa key must have at least "
              + RSA_MIN_BITS
              + " bits, this one has "
              + rsa.getModulus().bitLength());
    }
    if (key instanceof ECPublicKeyParameters ec && ec.getQ().isInfinity()) {
      throw refused(
          field,
          "the " + declared + " key data holds the point at infinity, which is no public key");
    }
    if (!Arrays.equals(encoded(key), blob)) {
      throw refused(
          field,
          "the "
              + declared
              + " key data is not in OpenSSH's encoding"
              + (key instanceof ECPublicKeyParameters ? " (an uncompressed point)" : ""));
    }
    return String.join(" ", parts);
  }

  private static AsymmetricKeyParameter parse(String declared, byte[] blob, String field) {
    try {
      return OpenSSHPublicKeyUtil.parsePublicKey(blob);
    } catch (RuntimeException e) {
      if (declared.equals("ssh-ed25519")) {
        ed25519Length(blob)
            .filter(length -> length != ED25519_BYTES)
            .ifPresent(
                length -> {
                  throw refused(
                      field,
                      "an ssh-ed25519 key must be "
                          + ED25519_BYTES
                          + " bytes, this one has "
                          + length);
                });
      }
      if (declared.startsWith("ecdsa-sha2-")) {
        throw refused(
            field,
            "the "
                + declared
                + " key data is truncated or malformed, or its point is not on the "
                + declared.substring("ecdsa-sha2-".length())
                + " curve");
      }
      throw refused(field, "the " + declared + " key data is truncated or malformed");
    }
  }

  /**
   * The length of an ssh-ed25519 blob's key string (RFC 8709 §4: the type, then the key), which
   * Bouncy Castle's refusal does not tell; people fixing a pasted key want the number.
   */
  private static Optional<Integer> ed25519Length(byte[] blob) {
    try {
      ByteBuffer wire = ByteBuffer.wrap(blob);
      int typeLength = wire.getInt();
      wire.position(wire.position() + typeLength);
      int keyLength = wire.getInt();
      return keyLength >= 0 && keyLength == wire.remaining()
          ? Optional.of(keyLength)
          : Optional.empty();
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String typeOf(AsymmetricKeyParameter key) {
    if (key instanceof RSAKeyParameters) {
      return "ssh-rsa";
    }
    if (key instanceof Ed25519PublicKeyParameters) {
      return "ssh-ed25519";
    }
    if (key instanceof DSAPublicKeyParameters) {
      return "ssh-dss";
    }
    if (key instanceof ECPublicKeyParameters ec) {
      return "ecdsa-sha2-" + SSHNamedCurves.getNameForParameters(ec.getParameters());
    }
    return key.getClass().getSimpleName();
  }

  private static byte[] encoded(AsymmetricKeyParameter key) {
    try {
      return OpenSSHPublicKeyUtil.encodePublicKey(key);
    } catch (IOException | RuntimeException e) {
      return new byte[0];
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
