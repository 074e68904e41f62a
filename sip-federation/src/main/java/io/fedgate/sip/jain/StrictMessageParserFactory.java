package io.fedgate.sip.jain;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.fedgate.sip.message.SipMessages;
import io.fedgate.sip.message.SipParse;
import io.fedgate.sip.message.SipQuickCheck;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;

/**
 * JAIN-SIP's message parser with fedgate's stricter start-line and name-addr checks on the bytes as
 * received. JAIN-SIP 1.3.0-91 rewrites any request version to {@code SIP/2.0} and tolerates
 * trailing whitespace after it, unquoted display names with a comma and whitespace inside the angle
 * brackets of From/To (RFC 4475 {@code badvers}, {@code trws}, {@code baddn}, {@code badaspec});
 * its parsed request no longer shows the defect. The request is still handed to the stack (so its
 * transaction can be answered) and marked with the verdict as its application data; {@link
 * SipEndpoint} answers a marked request with the status of {@link SipMessages}' verdict (505 for a
 * version other than 2.0, 400 otherwise) before anything else looks at it.
 */
public final class StrictMessageParserFactory implements MessageParserFactory {
  /** The verdicts the endpoint acts on; other findings are left to JAIN-SIP and the gateway. */
  private static final Set<String> START_AND_ADDRESS =
      Set.of("bad request line", "version not supported", "bad from", "bad to");

  @Override
  public MessageParser createMessageParser(SIPTransactionStack stack) {
    return new Parser();
  }

  /** Why the request must be refused, when the strict checks found a defect in its bytes. */
  static Optional<SipParse.Rejected> defect(javax.sip.message.Request request) {
    return request instanceof SIPMessage sip
            && sip.getApplicationData() instanceof SipParse.Rejected rejected
        ? Optional.of(rejected)
        : Optional.empty();
  }

  /** The verdict on a request's bytes, when it is one the endpoint refuses. */
  static Optional<SipParse.Rejected> check(byte[] bytes) {
    if (bytes.length == 0 || bytes[0] == 'S' && startsWith(bytes, "SIP/")) {
      return Optional.empty(); // responses are the transaction layer's business
    }
    if (SipQuickCheck.plainStartAndAddresses(bytes)) {
      return Optional.empty(); // the common clean request: no full parse (see SipQuickCheck)
    }
    SipParse verdict = SipMessages.parse(bytes);
    if (verdict instanceof SipParse.Rejected rejected
        && START_AND_ADDRESS.contains(rejected.reason())) {
      return Optional.of(rejected);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, String prefix) {
    if (bytes.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (bytes[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static final class Parser extends StringMsgParser {
    @Override
    public SIPMessage parseSIPMessage(
        byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener)
        throws ParseException {
      SIPMessage message = super.parseSIPMessage(bytes, readBody, strict, listener);
      if (message instanceof SIPRequest) {
        check(bytes).ifPresent(message::setApplicationData);
      }
      return message;
    }
  }
}
