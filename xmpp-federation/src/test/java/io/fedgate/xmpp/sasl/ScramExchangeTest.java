package io.fedgate.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ScramExchangeTest {
  final SecureRandom random = new SecureRandom();
  final InMemoryCredentialStore store = new InMemoryCredentialStore(random, 4096);

  ScramExchangeTest() {
    store.put("user", "pencil".toCharArray());
  }

  /** RFC 5802 §5 (SHA-1) and RFC 7677 §3 (SHA-256) examples, checked against derived keys. */
  @ParameterizedTest
  @CsvSource({
    "SHA_1,QSXCR+Q6sek8bf92,fyko+d2lbbFgONRv9qkxdawL,fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,"
        + "v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=,rmF9pqV8S7suAoZWja4dJRkFsKQ=",
    "SHA_256,W22ZaJ0SNY7soEsUEjb6gQ==,rOprNGfwEbeRWgbNEkqO,"
        + "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
        + "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=,6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
  })
  void rfcTestVectors(
      ScramAlgorithm algorithm,
      String salt,
      String clientNonce,
      String nonce,
      String proof,
      String serverSignature) {
    ScramCredentials keys =
        ScramCredentials.derive(
            algorithm, "pencil".toCharArray(), Base64.getDecoder().decode(salt), 4096);
    byte[] authMessage =
        ("n=user,r=" + clientNonce + ",r=" + nonce + ",s=" + salt + ",i=4096,c=biws,r=" + nonce)
            .getBytes(StandardCharsets.UTF_8);
    byte[] signature = ScramCrypto.hmac(algorithm, keys.storedKey(), authMessage);
    byte[] clientKey = Base64.getDecoder().decode(proof);
    for (int i = 0; i < clientKey.length; i++) {
      clientKey[i] ^= signature[i];
    }
    assertThat(ScramCrypto.hash(algorithm, clientKey)).isEqualTo(keys.storedKey());
    assertThat(
            Base64.getEncoder()
                .encodeToString(ScramCrypto.hmac(algorithm, keys.serverKey(), authMessage)))
        .isEqualTo(serverSignature);
    assertThat(keys.matches("pencil".toCharArray())).isTrue();
    assertThat(keys.matches("pencil2".toCharArray())).isFalse();
  }

  @ParameterizedTest
  @EnumSource(ScramAlgorithm.class)
  void rightPasswordSucceedsWithTheServerSignature(ScramAlgorithm algorithm) {
    ScramTestClient client = new ScramTestClient(algorithm, "User", "pencil", "abcdefgh");
    var challenge =
        (SaslStep.Challenge) ScramExchange.start(algorithm, client.first(), store, random);
    var success = (SaslStep.Success) challenge.next().finish(client.finalMessage(challenge.data()));
    assertThat(success.username()).isEqualTo("user");
    assertThat(new String(success.additionalData(), StandardCharsets.UTF_8))
        .isEqualTo(client.expectedServerFinal());
  }

  @ParameterizedTest
  @CsvSource({"user,wrong", "nobody,pencil"})
  void wrongPasswordAndUnknownUserLookTheSame(String user, String password) {
    ScramTestClient client = new ScramTestClient(ScramAlgorithm.SHA_256, user, password, "nonce1");
    var challenge =
        (SaslStep.Challenge)
            ScramExchange.start(ScramAlgorithm.SHA_256, client.first(), store, random);
    var failure = (SaslStep.Failure) challenge.next().finish(client.finalMessage(challenge.data()));
    assertThat(failure.condition()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "p=tls-unique,,n=user,r=abc",
        "n,,r=abc",
        "n,a=admin,n=user,r=abc",
        "garbage",
        "n,,n=us=er,r=abc"
      })
  void malformedClientFirst(String message) {
    var step =
        ScramExchange.start(
            ScramAlgorithm.SHA_256, message.getBytes(StandardCharsets.UTF_8), store, random);
    assertThat(((SaslStep.Failure) step).condition()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
  }

  @Test
  void tamperedNonceIsMalformed() {
    ScramTestClient client = new ScramTestClient(ScramAlgorithm.SHA_1, "user", "pencil", "n0nce");
    var challenge =
        (SaslStep.Challenge)
            ScramExchange.start(ScramAlgorithm.SHA_1, client.first(), store, random);
    String tampered =
        new String(challenge.data(), StandardCharsets.UTF_8).replace("r=n0nce", "r=other");
    var step =
        challenge.next().finish(client.finalMessage(tampered.getBytes(StandardCharsets.UTF_8)));
    assertThat(((SaslStep.Failure) step).condition()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
  }
}
