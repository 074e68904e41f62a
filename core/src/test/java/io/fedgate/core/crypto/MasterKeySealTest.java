package io.fedgate.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class MasterKeySealTest {
  private static final byte[] KEY = new byte[32];
  private static final byte[] LABEL = "xmpp.dialback-secret".getBytes(UTF_8);

  static {
    Arrays.fill(KEY, (byte) 7);
  }

  private final MasterKeySeal seal = new MasterKeySeal(KEY, new SecureRandom());

  @Test
  void opensWhatItSealed() throws GeneralSecurityException {
    byte[] sealed = seal.seal(LABEL, "s3cret".getBytes(UTF_8));

    assertThat(new String(seal.open(LABEL, sealed), UTF_8)).isEqualTo("s3cret");
    assertThat(sealed).hasSize(1 + 12 + 6 + 16);
    assertThat(sealed[0]).isEqualTo((byte) 1);
  }

  @Test
  void theStoredFormatIsVersionIvThenGcmCiphertextWithTheLabelAsAad() throws Exception {
    // Values sealed by earlier releases must still open: decrypt independently of the class.
    byte[] sealed = seal.seal(LABEL, "abc".getBytes(UTF_8));
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(KEY, "AES"),
        new GCMParameterSpec(128, Arrays.copyOfRange(sealed, 1, 13)));
    cipher.updateAAD(LABEL);

    byte[] plain = cipher.doFinal(Arrays.copyOfRange(sealed, 13, sealed.length));

    assertThat(new String(plain, UTF_8)).isEqualTo("abc");
  }

  @Test
  void twoSealsOfTheSameValueDiffer() throws GeneralSecurityException {
    byte[] plain = "same".getBytes(UTF_8);

    assertThat(HexFormat.of().formatHex(seal.seal(LABEL, plain)))
        .isNotEqualTo(HexFormat.of().formatHex(seal.seal(LABEL, plain)));
  }

  @Test
  void anotherLabelAnotherKeyOrAnAlteredByteDoNotOpen() throws GeneralSecurityException {
    byte[] sealed = seal.seal(LABEL, "s3cret".getBytes(UTF_8));
    byte[] otherKey = new byte[32];
    byte[] altered = sealed.clone();
    altered[altered.length - 1] ^= 1;

    assertThatThrownBy(() -> seal.open("other".getBytes(UTF_8), sealed))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> new MasterKeySeal(otherKey, new SecureRandom()).open(LABEL, sealed))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> seal.open(LABEL, altered))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void refusesTruncatedOrUnknownVersions() {
    assertThatThrownBy(() -> seal.open(LABEL, new byte[10]))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("known version");
    byte[] future = new byte[40];
    future[0] = 2;
    assertThatThrownBy(() -> seal.open(LABEL, future)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void refusesAMasterKeyThatIsNot32Bytes() {
    assertThatThrownBy(() -> new MasterKeySeal(new byte[16], new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
