package io.fedgate.appliance.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Administrator password hashes: Argon2id (Bouncy Castle) with a random salt, stored in the PHC
 * string format {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (base64 without
 * padding). Hashes written by earlier versions ({@code pbkdf2-sha256$<iterations>$<salt>$<hash>})
 * still verify; {@link #needsRehash} tells the caller to replace them after a successful login.
 */
public final class PasswordHasher {
  private static final String ARGON2ID = "$argon2id$";
  private static final String PBKDF2 = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  /** OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
  private static final int DEFAULT_MEMORY_KIB = 19 * 1024;

  private static final int DEFAULT_PASSES = 2;

  private final SecureRandom random;
  private final int memoryKib;
  private final int passes;

  public PasswordHasher(SecureRandom random) {
    this(random, DEFAULT_MEMORY_KIB, DEFAULT_PASSES);
  }

  PasswordHasher(SecureRandom random, int memoryKib, int passes) {
    this.random = random;
    this.memoryKib = memoryKib;
    this.passes = passes;
  }

  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return ARGON2ID
        + "v=19$m="
        + memoryKib
        + ",t="
        + passes
        + ",p=1$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(argon2(password, salt, memoryKib, passes, 1));
  }

  /** Constant-time check of a password against a stored hash; false for a malformed hash. */
  public boolean matches(char[] password, String stored) {
    if (stored == null) {
      return false;
    }
    try {
      if (stored.startsWith(ARGON2ID)) {
        return matchesArgon2(password, stored);
      }
      if (stored.startsWith(PBKDF2 + "$")) {
        return matchesPbkdf2(password, stored);
      }
    } catch (IllegalArgumentException e) {
      return false;
    }
    return false;
  }

  /** True for a hash of an older scheme or weaker parameters than this hasher writes. */
  public boolean needsRehash(String stored) {
    return stored == null || !stored.startsWith(ARGON2ID + "v=19$m=" + memoryKib + ",t=" + passes);
  }

  private static boolean matchesArgon2(char[] password, String stored) {
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    String[] parts = stored.split("\\$");
    if (parts.length != 6 || !parts[2].equals("v=19")) {
      return false;
    }
    int memory = -1;
    int passes = -1;
    int lanes = -1;
    for (String setting : parts[3].split(",")) {
      String[] pair = setting.split("=", 2);
      if (pair.length != 2) {
        return false;
      }
      int value = Integer.parseInt(pair[1]);
      switch (pair[0]) {
        case "m" -> memory = value;
        case "t" -> passes = value;
        case "p" -> lanes = value;
        default -> {
          return false;
        }
      }
    }
    // bounds keep a tampered row from making a login allocate gigabytes or spin for minutes
    if (memory < 8 || memory > 1024 * 1024 || passes < 1 || passes > 16 || lanes < 1 || lanes > 8) {
      return false;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] expected = b64.decode(parts[5]);
    if (expected.length < 16 || expected.length > 64) {
      return false;
    }
    byte[] actual = argon2(password, b64.decode(parts[4]), memory, passes, lanes, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] argon2(char[] password, byte[] salt, int memoryKib, int passes, int lanes) {
    return argon2(password, salt, memoryKib, passes, lanes, HASH_BYTES);
  }

  private static byte[] argon2(
      char[] password, byte[] salt, int memoryKib, int passes, int lanes, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(passes)
            .withParallelism(lanes)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }

  private static boolean matchesPbkdf2(char[] password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4) {
      return false;
    }
    int iterations = Integer.parseInt(parts[1]);
    if (iterations < 1 || iterations > 10_000_000) {
      return false;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] expected = b64.decode(parts[3]);
    PBEKeySpec spec = new PBEKeySpec(password, b64.decode(parts[2]), iterations, 256);
    try {
      byte[] actual =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      return MessageDigest.isEqual(expected, actual);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }
}
