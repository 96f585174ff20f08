package uk.ccmt.acknowledgement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one-time links' tokens: 256 bits from SecureRandom, URL-safe Base64 without padding (43
 * characters). Only their SHA-256 hash is stored, so the table gives nobody a working link.
 */
final class AcknowledgementTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

  private AcknowledgementTokens() {}

  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static boolean wellFormed(String token) {
    return token != null && WELL_FORMED.matcher(token).matches();
  }

  /** The stored form of a token: its SHA-256, in hex. */
  static String hash(String token) {
    return HexFormat.of().formatHex(digest(token));
  }

  /** Whether the token is the one of this stored hash, compared in constant time. */
  static boolean matches(String token, String storedHash) {
    return MessageDigest.isEqual(
        hash(token).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java", e);
    }
  }
}
