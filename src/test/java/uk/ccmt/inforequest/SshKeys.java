package uk.ccmt.inforequest;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.Base64;

/** Fresh OpenSSH public key lines, encoded in SSH wire format as ssh-keygen writes them. */
final class SshKeys {

  private SshKeys() {}

  static String rsaKey(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
      return line(
          "ssh-rsa",
          wire(text("ssh-rsa"), mpint(key.getPublicExponent()), mpint(key.getModulus())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String ed25519Key() {
    try {
      byte[] encoded =
          KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
      // X.509 SubjectPublicKeyInfo for Ed25519 is a 12-byte header followed by the 32 raw key
      // bytes.
      byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
      return line("ssh-ed25519", wire(text("ssh-ed25519"), raw));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh ECDSA key on the curve nistp256, nistp384 or nistp521. */
  static String ecdsaKey(String curve) {
    String type = "ecdsa-sha2-" + curve;
    return line(type, wire(text(type), text(curve), ecdsaPoint(curve)));
  }

  /**
   * A fresh public point on the curve, uncompressed (0x04, x, y) as OpenSSH writes it (RFC 5656
   * §3.1).
   */
  static byte[] ecdsaPoint(String curve) {
    try {
      int bits = Integer.parseInt(curve.substring("nistp".length()));
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp" + bits + "r1"));
      ECPoint w = ((ECPublicKey) generator.generateKeyPair().getPublic()).getW();
      int size = (bits + 7) / 8;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(0x04);
      out.writeBytes(unsigned(w.getAffineX(), size));
      out.writeBytes(unsigned(w.getAffineY(), size));
      return out.toByteArray();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] unsigned(BigInteger value, int size) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[size];
    int copy = Math.min(bytes.length, size);
    System.arraycopy(bytes, bytes.length - copy, fixed, size - copy, copy);
    return fixed;
  }

  /** A key line whose blob is built from the given wire-format strings, for malformed keys. */
  static String line(String type, byte[] blob) {
    return type + " " + Base64.getEncoder().encodeToString(blob) + " someone@participant.example";
  }

  static byte[] wire(byte[]... strings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] string : strings) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(string.length).array());
      out.writeBytes(string);
    }
    return out.toByteArray();
  }

  static byte[] text(String value) {
    return value.getBytes(StandardCharsets.US_ASCII);
  }

  /** An SSH mpint is big-endian two's complement, which is what BigInteger writes. */
  static byte[] mpint(BigInteger value) {
    return value.toByteArray();
  }
}
