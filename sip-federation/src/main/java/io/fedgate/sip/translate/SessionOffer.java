package io.fedgate.sip.translate;

/**
 * What the gateway puts in the SDP of a Lync IM session (PROTOCOL.md §6.6): its address and port
 * for the {@code o=}/{@code c=}/{@code m=message} lines. No media flows; Lync only reads them.
 */
public record SessionOffer(String address, int port) {
  /** The accept-types the gateway offers and answers with. */
  public static final String ACCEPT_TYPES =
      "text/plain text/html multipart/alternative application/im-iscomposing+xml";

  /** The INVITE's SDP: {@code m=message <port> sip null}. */
  public String offerSdp() {
    return sdp("null");
  }

  /** The 200 OK's SDP: the m-line carries the answering user's URI. */
  public String answerSdp(String userUri) {
    return sdp(userUri);
  }

  private String sdp(String target) {
    String ipVersion = address.contains(":") ? "IP6" : "IP4";
    return "v=0\r\n"
        + "o=- 0 0 IN "
        + ipVersion
        + " "
        + address
        + "\r\n"
        + "s=session\r\n"
        + "c=IN "
        + ipVersion
        + " "
        + address
        + "\r\n"
        + "t=0 0\r\n"
        + "m=message "
        + port
        + " sip "
        + target
        + "\r\n"
        + "a=accept-types:"
        + ACCEPT_TYPES
        + "\r\n";
  }
}
