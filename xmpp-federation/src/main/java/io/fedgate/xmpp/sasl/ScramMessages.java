package io.fedgate.xmpp.sasl;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the SCRAM client messages (RFC 5802 §7), without channel binding. */
final class ScramMessages {
  // gs2-cbind-flag "n" or "y" (never "p"), optional authzid, then n=saslname,r=nonce[,ext]
  private static final Pattern CLIENT_FIRST =
      Pattern.compile("^([ny]),(a=[^,]*)?,(n=([^,]+),r=([\\x21-\\x2b\\x2d-\\x7e]+)(,.*)?)$");
  private static final Pattern CLIENT_FINAL =
      Pattern.compile(
          "^(c=([A-Za-z0-9+/=]+),r=([\\x21-\\x2b\\x2d-\\x7e]+)(,[a-z]=[^,]*)*?),p=([A-Za-z0-9+/=]+)$");

  record ClientFirst(String gs2Header, String bare, String username, String nonce) {}

  record ClientFinal(String withoutProof, String channelBinding, String nonce, byte[] proof) {}

  private ScramMessages() {}

  static Optional<ClientFirst> parseClientFirst(String message) {
    Matcher m = CLIENT_FIRST.matcher(message);
    if (!m.matches() || m.group(2) != null) {
      return Optional.empty();
    }
    String gs2 = m.group(1) + ",,";
    Optional<String> username = unescape(m.group(4));
    return username.map(u -> new ClientFirst(gs2, m.group(3), u, m.group(5)));
  }

  static Optional<ClientFinal> parseClientFinal(String message) {
    Matcher m = CLIENT_FINAL.matcher(message);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      byte[] proof = Base64.getDecoder().decode(m.group(5));
      return Optional.of(new ClientFinal(m.group(1), m.group(2), m.group(3), proof));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** saslname: "=2C" is ',' and "=3D" is '='; any other '=' is malformed (RFC 5802 §5.1). */
  private static Optional<String> unescape(String saslname) {
    String replaced = saslname.replace("=2C", ",").replace("=3D", "=");
    if (saslname.replace("=2C", "").replace("=3D", "").contains("=")) {
      return Optional.empty();
    }
    return Optional.of(replaced);
  }
}
