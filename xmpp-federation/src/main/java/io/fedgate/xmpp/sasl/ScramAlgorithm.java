package io.fedgate.xmpp.sasl;

/** The SCRAM variants offered (RFC 5802 SCRAM-SHA-1, RFC 7677 SCRAM-SHA-256). */
public enum ScramAlgorithm {
  SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", 32),
  SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1", "PBKDF2WithHmacSHA1", 20);

  private final String mechanism;
  private final String digest;
  private final String hmac;
  private final String pbkdf2;
  private final int length;

  ScramAlgorithm(String mechanism, String digest, String hmac, String pbkdf2, int length) {
    this.mechanism = mechanism;
    this.digest = digest;
    this.hmac = hmac;
    this.pbkdf2 = pbkdf2;
    this.length = length;
  }

  /** The SASL mechanism name, e.g. {@code SCRAM-SHA-256}. */
  public String mechanism() {
    return mechanism;
  }

  String digest() {
    return digest;
  }

  String hmac() {
    return hmac;
  }

  String pbkdf2() {
    return pbkdf2;
  }

  /** Output length of the hash, in bytes. */
  int length() {
    return length;
  }
}
