package io.fedgate.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An immutable SIP request or response: start line, header fields in order (case-insensitive
 * lookup, compact forms understood) and the body bytes. {@code Content-Length} is not kept in sync
 * here; {@link SipMessages#serialize} writes the real body length. {@code toString()} never shows
 * the body.
 */
public record SipMessage(SipStartLine startLine, List<SipHeader> headers, byte[] body) {
  private static final Pattern CSEQ_NUMBER = Pattern.compile("^\\s*\\d+\\s*");

  public SipMessage {
    if (startLine == null) {
      throw new IllegalArgumentException("start line is required");
    }
    headers = List.copyOf(headers);
    body = body == null ? new byte[0] : body.clone();
  }

  /** A request without headers or body. */
  public static SipMessage request(String method, String requestUri) {
    return new SipMessage(new SipStartLine.Request(method, requestUri), List.of(), new byte[0]);
  }

  /** A response without headers or body. */
  public static SipMessage response(int status, String reason) {
    return new SipMessage(new SipStartLine.Response(status, reason), List.of(), new byte[0]);
  }

  /**
   * A response to {@code request} per RFC 3261 §8.2.6.2: Via, From, To, Call-ID and CSeq copied
   * (the To tag, when needed, is the dialog layer's business).
   */
  public static SipMessage responseTo(SipMessage request, int status, String reason) {
    List<SipHeader> copied = new ArrayList<>();
    for (SipHeader h : request.headers) {
      if (h.is("via") || h.is("from") || h.is("to") || h.is("call-id") || h.is("cseq")) {
        copied.add(h);
      }
    }
    return new SipMessage(new SipStartLine.Response(status, reason), copied, new byte[0]);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public boolean isRequest() {
    return startLine instanceof SipStartLine.Request;
  }

  /** The request method, or for a response the method named in CSeq ("" if unknown). */
  public String method() {
    if (startLine instanceof SipStartLine.Request r) {
      return r.method();
    }
    return header("cseq").map(v -> CSEQ_NUMBER.matcher(v).replaceFirst("").strip()).orElse("");
  }

  public Optional<String> requestUri() {
    return startLine instanceof SipStartLine.Request r
        ? Optional.of(r.requestUri())
        : Optional.empty();
  }

  /** The status of a response; 0 for a request. */
  public int status() {
    return startLine instanceof SipStartLine.Response r ? r.status() : 0;
  }

  public String reason() {
    return startLine instanceof SipStartLine.Response r ? r.reason() : "";
  }

  /** The value of the first header line with this name. */
  public Optional<String> header(String name) {
    for (SipHeader h : headers) {
      if (h.is(name)) {
        return Optional.of(h.value());
      }
    }
    return Optional.empty();
  }

  /** The values of every header line with this name, in order (lines are not comma-split). */
  public List<String> headerLines(String name) {
    List<String> lines = new ArrayList<>(2);
    for (SipHeader h : headers) {
      if (h.is(name)) {
        lines.add(h.value());
      }
    }
    return java.util.Collections.unmodifiableList(lines);
  }

  /**
   * Every comma-separated element of every header line with this name (commas inside quotes or
   * angle brackets do not split), e.g. all {@code Supported} option tags.
   */
  public List<String> headerValues(String name) {
    List<String> out = new ArrayList<>();
    for (String line : headerLines(name)) {
      out.addAll(HeaderValues.splitCommas(line));
    }
    return out;
  }

  /** Whether a comma-separated token header (Supported, Require, Allow...) lists {@code token}. */
  public boolean hasToken(String name, String token) {
    return headerValues(name).stream().anyMatch(v -> v.equalsIgnoreCase(token));
  }

  /** The media type of Content-Type, lower-cased, without parameters. */
  public Optional<String> contentType() {
    return header("content-type").map(v -> MediaType.parse(v).essence());
  }

  /** The body decoded as UTF-8 (SIP text bodies are UTF-8 unless a charset says otherwise). */
  public String bodyText() {
    Optional<String> charset =
        header("content-type").flatMap(v -> MediaType.parse(v).parameter("charset"));
    try {
      return new String(
          body,
          charset
              .map(c -> java.nio.charset.Charset.forName(c.toUpperCase(Locale.ROOT)))
              .orElse(StandardCharsets.UTF_8));
    } catch (IllegalArgumentException unknownCharset) {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A copy with every line of {@code name} replaced by one line (appended if absent). */
  public SipMessage withHeader(String name, String value) {
    List<SipHeader> copy = new ArrayList<>();
    boolean placed = false;
    for (SipHeader h : headers) {
      if (h.is(name)) {
        if (!placed) {
          copy.add(new SipHeader(name, value));
          placed = true;
        }
      } else {
        copy.add(h);
      }
    }
    if (!placed) {
      copy.add(new SipHeader(name, value));
    }
    return new SipMessage(startLine, copy, body);
  }

  /** A copy with one more header line at the end. */
  public SipMessage addHeader(String name, String value) {
    List<SipHeader> copy = new ArrayList<>(headers);
    copy.add(new SipHeader(name, value));
    return new SipMessage(startLine, copy, body);
  }

  public SipMessage withoutHeader(String name) {
    return new SipMessage(startLine, headers.stream().filter(h -> !h.is(name)).toList(), body);
  }

  /** A copy with this body and Content-Type (or without both when {@code contentType} is null). */
  public SipMessage withBody(String contentType, byte[] newBody) {
    SipMessage withoutType = withoutHeader("content-type").withoutHeader("content-length");
    SipMessage typed =
        contentType == null ? withoutType : withoutType.withHeader("Content-Type", contentType);
    return new SipMessage(typed.startLine, typed.headers, newBody);
  }

  public SipMessage withStartLine(SipStartLine newStartLine) {
    return new SipMessage(newStartLine, headers, body);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SipMessage m
        && startLine.equals(m.startLine)
        && headers.equals(m.headers)
        && Arrays.equals(body, m.body);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * startLine.hashCode() + headers.hashCode()) + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    // Bodies never reach logs by accident: name the start line and the body size only.
    return startLine + " [" + headers.size() + " headers, " + body.length + " body bytes]";
  }
}
