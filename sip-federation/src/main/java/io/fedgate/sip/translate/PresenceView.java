package io.fedgate.sip.translate;

import io.fedgate.core.stanza.Jid;
import io.fedgate.core.stanza.XmlElement;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a presence document says, in XMPP terms: available or not, {@code <show/>}, {@code
 * <status/>}, {@code <priority/>}, {@code xml:lang}.
 */
record PresenceView(
    boolean available,
    Optional<String> show,
    Optional<String> status,
    OptionalInt priority,
    Optional<String> lang) {

  static PresenceView unavailable() {
    return new PresenceView(
        false, Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty());
  }

  PresenceView withLang(Optional<String> newLang) {
    return new PresenceView(available, show, status, priority, newLang);
  }

  XmlElement toStanza(Jid from, Jid to) {
    XmlElement p = Stanzas.stanza("presence", from, to, available ? null : "unavailable");
    if (lang.isPresent()) {
      p = p.withAttribute("xml:lang", lang.get());
    }
    if (available && show.isPresent()) {
      p = p.withChild(Stanzas.textChild("show", show.get()));
    }
    if (status.isPresent() && !status.get().isBlank()) {
      p = p.withChild(Stanzas.textChild("status", status.get()));
    }
    if (available && priority.isPresent()) {
      p = p.withChild(Stanzas.textChild("priority", String.valueOf(priority.getAsInt())));
    }
    return p;
  }
}
