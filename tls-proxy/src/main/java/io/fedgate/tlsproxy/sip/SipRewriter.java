package io.fedgate.tlsproxy.sip;

import io.fedgate.tlsproxy.config.Endpoint;
import io.fedgate.tlsproxy.config.Side;
import io.fedgate.tlsproxy.pat.AddressMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIP inspection's address translation for one direction: the IP addresses the {@code from} side
 * wrote in {@code Via} sent-by, {@code Contact}, {@code Record-Route} and {@code Route} URIs and in
 * SDP {@code c=} / {@code o=} lines become those the other side knows them by, per the static PAT;
 * the {@code Content-Length} is fixed up when the body changed. Names and unmapped addresses are
 * left alone. Pure.
 */
public final class SipRewriter {
  private static final String IP = "(\\[[0-9A-Fa-f:.]+\\]|\\d{1,3}(?:\\.\\d{1,3}){3})";
  private static final Pattern VIA =
      Pattern.compile("(SIP\\s*/\\s*2\\.0\\s*/\\s*[A-Za-z]+\\s+)" + IP + "(?::(\\d{1,5}))?");
  private static final Pattern URI =
      Pattern.compile("(sips?:(?:[^@<>\\s;,\"]*@)?)" + IP + "(?::(\\d{1,5}))?");
  private static final Pattern SDP_C = Pattern.compile("(?m)^(c=IN IP[46] )(\\S+)");
  private static final Pattern SDP_O = Pattern.compile("(?m)^(o=\\S+ \\S+ \\S+ IN IP[46] )(\\S+)");
  private static final Pattern URI_HOST =
      Pattern.compile("sips?:(?:[^@<>\\s;,\"]*@)?(\\[[^\\]]+\\]|[^:;>\\s,?]+)");
  private static final Set<String> URI_HEADERS = Set.of("contact", "record-route", "route");

  private final AddressMap map;
  private final Side from;

  public SipRewriter(AddressMap map, Side from) {
    this.map = map;
    this.from = from;
  }

  /** Rewrites one whole message (as framed by {@link SipStream}). */
  public Piece rewrite(byte[] message) throws InspectionException {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    SipHeaders headers = SipHeaders.parse(text.substring(0, end));
    String body = text.substring(end + 4);
    List<String> rewrites = new ArrayList<>();
    String newBody = body;
    if (headers.first("content-type").toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
      newBody = replace(SDP_C, body, false, "SDP c=", rewrites);
      newBody = replace(SDP_O, newBody, false, "SDP o=", rewrites);
    }
    StringBuilder out = new StringBuilder(message.length + 64).append(headers.startLine());
    for (SipHeaders.Field field : headers.fields()) {
      String value = field.value();
      String canonical = field.canonical();
      if (canonical.equals("via")) {
        value = replace(VIA, value, true, field.name(), rewrites);
      } else if (URI_HEADERS.contains(canonical)) {
        value = replace(URI, value, true, field.name(), rewrites);
      } else if (canonical.equals("content-length") && !newBody.equals(body)) {
        value = Integer.toString(newBody.getBytes(StandardCharsets.ISO_8859_1).length);
      }
      out.append("\r\n").append(field.name()).append(": ").append(value);
    }
    out.append("\r\n\r\n").append(newBody);
    return new Piece(
        out.toString().getBytes(StandardCharsets.ISO_8859_1),
        Optional.of(summary(headers)),
        rewrites);
  }

  private String replace(
      Pattern pattern, String value, boolean withPort, String what, List<String> rewrites) {
    Matcher m = pattern.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String host = m.group(2);
      OptionalInt port =
          withPort && m.group(3) != null
              ? OptionalInt.of(Integer.parseInt(m.group(3)))
              : OptionalInt.empty();
      Optional<Endpoint> mapped = map.translate(from, host, port);
      String replacement = m.group();
      if (mapped.isPresent()) {
        String address = mapped.get().address();
        String shown = address.contains(":") ? "[" + address + "]" : address;
        replacement = m.group(1) + shown + (port.isPresent() ? ":" + mapped.get().port() : "");
        rewrites.add(
            what
                + " "
                + m.group().substring(m.group(1).length())
                + " -> "
                + replacement.substring(m.group(1).length()));
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static SipSummary summary(SipHeaders headers) {
    String start = headers.startLine();
    boolean request = !start.startsWith("SIP/2.0 ");
    String[] parts = start.split(" ");
    return new SipSummary(
        request ? Optional.of(parts[0]) : Optional.empty(),
        start,
        host(headers.first("from")),
        request ? host(parts[1]) : "");
  }

  private static String host(String text) {
    Matcher m = URI_HOST.matcher(text);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
  }
}
