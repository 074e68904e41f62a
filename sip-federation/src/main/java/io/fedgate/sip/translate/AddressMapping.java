package io.fedgate.sip.translate;

import io.fedgate.core.net.HostSyntax;
import io.fedgate.core.stanza.Jid;
import io.fedgate.sip.message.HeaderValues;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 7247 §6 address mapping (PROTOCOL.md §2): SIP/IM/PRES URI -> JID (§6.4) and JID -> SIP URI
 * (§6.5), with the project's additions for the other XEP-0106 escapes, and the refusals of §2.5.
 * Lync GRUUs ({@code ;opaque=user:epid:…;gruu}) map to the bare JID (§2.4).
 */
public final class AddressMapping {
  /** Characters SIP allows in a user part but XMPP forbids in a localpart (§6.4 step 5). */
  private static final String JID_FORBIDDEN = "&'/\":<>@ ";

  /** Bytes percent-encoded in a SIP user part (§6.5 step 5 plus the project additions). */
  private static final String SIP_USER_ESCAPED = "#%[\\]^`{|}\":<>@ ";

  private AddressMapping() {}

  /** Maps a SIP, SIPS, IM or PRES URI (no angle brackets) to a JID, or says why it cannot. */
  public static Translation<Jid> toJid(String uri) {
    int colon = uri.indexOf(':');
    if (colon <= 0) {
      return refused(400, StanzaCondition.JID_MALFORMED, "not-a-uri");
    }
    String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "sips":
        return refused(403, StanzaCondition.FORBIDDEN, "sips-uri"); // RFC 7247 §8
      case "tel":
        return refused(404, StanzaCondition.ITEM_NOT_FOUND, "tel-uri"); // RFC 7247 §6.1
      case "sip", "im", "pres":
        break;
      default:
        return refused(416, StanzaCondition.ITEM_NOT_FOUND, "unsupported-uri-scheme");
    }
    String rest = uri.substring(colon + 1);
    int question = rest.indexOf('?');
    if (question >= 0) {
      rest = rest.substring(0, question);
    }
    int at = rest.indexOf('@');
    if (at < 0) {
      return refused(404, StanzaCondition.JID_MALFORMED, "no-user-part");
    }
    String user = rest.substring(0, at);
    String hostPart = rest.substring(at + 1);
    int semi = hostPart.indexOf(';');
    Map<String, String> params =
        HeaderValues.parameters(semi < 0 ? "" : hostPart.substring(semi + 1));
    String host = hostAndPort(semi < 0 ? hostPart : hostPart.substring(0, semi));
    if ("phone".equalsIgnoreCase(params.get("user"))) {
      return refused(404, StanzaCondition.ITEM_NOT_FOUND, "telephone-number");
    }
    int password = user.indexOf(':');
    if (password >= 0) {
      user = user.substring(0, password);
    }
    if (user.isEmpty()) {
      return refused(404, StanzaCondition.JID_MALFORMED, "empty-user-part");
    }
    if (HostSyntax.isIpLiteral(host)) {
      return refused(403, StanzaCondition.FORBIDDEN, "ip-literal-host");
    }
    if (!HostSyntax.isDnsName(host)) {
      return refused(400, StanzaCondition.JID_MALFORMED, "bad-host");
    }
    String decoded = percentDecode(user);
    if (decoded == null) {
      return refused(400, StanzaCondition.JID_MALFORMED, "bad-escaping");
    }
    if (decoded.codePoints().anyMatch(c -> c < 0x20 || c == 0x7f || !Character.isDefined(c))) {
      return refused(400, StanzaCondition.JID_MALFORMED, "forbidden-character");
    }
    String local = jidEscape(decoded);
    String resource = params.containsKey("gr") ? percentDecode(params.get("gr")) : "";
    if (resource == null || local.getBytes(StandardCharsets.UTF_8).length > 1023) {
      return refused(400, StanzaCondition.JID_MALFORMED, "too-long-or-bad-gruu");
    }
    try {
      return Translation.ok(new Jid(local, HostSyntax.normalize(host), resource));
    } catch (IllegalArgumentException preparationFailed) {
      return refused(400, StanzaCondition.JID_MALFORMED, "jid-preparation-failed"); // RFC 7622
    }
  }

  /** Maps a JID to a {@code sip:} URI with the resource as {@code ;gr=} (§6.5 step 8). */
  public static Translation<String> toSipUri(Jid jid) {
    return toSipUri(jid, true);
  }

  /** Maps a JID to a {@code sip:} URI (toward Lync always {@code sip:}, PROTOCOL.md §2.3). */
  public static Translation<String> toSipUri(Jid jid, boolean withGruu) {
    if (HostSyntax.isIpLiteral(jid.domain())) {
      return refused(403, StanzaCondition.FORBIDDEN, "ip-literal-host");
    }
    String host;
    try {
      host = java.net.IDN.toASCII(jid.domain(), java.net.IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      return refused(400, StanzaCondition.JID_MALFORMED, "bad-domain");
    }
    if (!HostSyntax.isDnsName(host)) {
      return refused(400, StanzaCondition.JID_MALFORMED, "bad-domain");
    }
    StringBuilder sb = new StringBuilder("sip:");
    if (!jid.local().isEmpty()) {
      sb.append(percentEncode(jidUnescape(jid.local()), SIP_USER_ESCAPED)).append('@');
    }
    sb.append(host.toLowerCase(Locale.ROOT));
    if (withGruu && !jid.resource().isEmpty()) {
      sb.append(";gr=").append(percentEncode(jid.resource(), ";=?&,\"#%<>[\\]^`{|} "));
    }
    return Translation.ok(sb.toString());
  }

  private static String hostAndPort(String hostPort) {
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      return close < 0 ? hostPort : hostPort.substring(0, close + 1);
    }
    int colon = hostPort.indexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  /** %hh -> bytes -> UTF-8 (§6.4 steps 3-4); null when the escaping or the UTF-8 is broken. */
  static String percentDecode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** XEP-0106 escaping of the characters a localpart forbids; {@code \} only before an escape. */
  static String jidEscape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (JID_FORBIDDEN.indexOf(c) >= 0) {
        sb.append('\\').append(String.format("%02x", (int) c));
      } else if (c == '\\' && startsEscape(s, i)) {
        sb.append("\\5c");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean startsEscape(String s, int i) {
    if (i + 3 > s.length()) {
      return false;
    }
    String hex = s.substring(i + 1, i + 3).toLowerCase(Locale.ROOT);
    return java.util.List.of("20", "22", "26", "27", "2f", "3a", "3c", "3e", "40", "5c")
        .contains(hex);
  }

  /** Undoes the XEP-0106 escapes (§6.5 step 3 and the project additions). */
  static String jidUnescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && startsEscape(s, i)) {
        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Percent-encodes every non-ASCII byte and every byte in {@code escaped} (upper-case hex). */
  static String percentEncode(String s, String escaped) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int v = b & 0xff;
      if (v >= 0x80 || v < 0x20 || escaped.indexOf(v) >= 0) {
        sb.append('%').append(String.format("%02X", v));
      } else {
        sb.append((char) v);
      }
    }
    return sb.toString();
  }

  private static <T> Translation<T> refused(int status, StanzaCondition c, String code) {
    return Translation.refused(status, c, code);
  }
}
