package io.fedgate.tlsproxy.sip;

import java.util.Optional;

/**
 * What the proxy logs and decides on about one SIP message (never its body).
 *
 * @param method the request method, or empty for a response
 * @param fromHost the host of the {@code From} URI
 * @param requestUriHost the host of the Request-URI (empty for a response)
 */
public record SipSummary(
    Optional<String> method, String firstLine, String fromHost, String requestUriHost) {

  public boolean isRequest() {
    return method.isPresent();
  }
}
