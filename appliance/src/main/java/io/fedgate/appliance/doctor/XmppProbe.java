package io.fedgate.appliance.doctor;

import java.util.List;

/**
 * One outbound XMPP server-to-server negotiation with a domain, step by step (stream, STARTTLS,
 * certificate, SASL EXTERNAL or dialback), as the XMPP Federation Connection Manager would run it.
 */
@FunctionalInterface
public interface XmppProbe {
  List<DoctorStep> negotiate(String domain);
}
