package io.peerlab.core.util;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1 (keys) and SHA-256 (chunks), one reusable digest per thread. */
public final class Digests {
  private Digests() {}

  private static final ThreadLocal<MessageDigest> SHA1 = digest("SHA-1");
  private static final ThreadLocal<MessageDigest> SHA256 = digest("SHA-256");

  public static byte[] sha1(byte[] data) {
    MessageDigest md = SHA1.get();
    md.reset();
    return md.digest(data);
  }

  public static byte[] sha256(byte[] data) {
    MessageDigest md = SHA256.get();
    md.reset();
    return md.digest(data);
  }

  private static ThreadLocal<MessageDigest> digest(String algorithm) {
    return ThreadLocal.withInitial(
        () -> {
          try {
            return MessageDigest.getInstance(algorithm);
          } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java runtime", e);
          }
        });
  }
}
