package io.fedgate.sip.translate;

import io.fedgate.sip.message.SipHeader;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The result of a translation: what to send ({@link Ok}), why it is refused with both the SIP
 * status and the XMPP condition to answer with ({@link Refused}), or that nothing is sent ({@link
 * Ignored}, e.g. a chat state Lync has no equivalent for).
 */
public sealed interface Translation<T>
    permits Translation.Ok, Translation.Refused, Translation.Ignored {

  static <T> Translation<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Translation<T> refused(int sipStatus, StanzaCondition condition, String reasonCode) {
    return new Refused<>(sipStatus, condition, reasonCode, List.of());
  }

  static <T> Translation<T> ignored(String why) {
    return new Ignored<>(why);
  }

  /** The translated value, if any. */
  default Optional<T> asOptional() {
    return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
  }

  /** Transforms an {@link Ok} value; refusals and ignores pass through. */
  @SuppressWarnings("unchecked")
  default <U> Translation<U> map(Function<? super T, ? extends U> f) {
    if (this instanceof Ok<T> ok) {
      return new Ok<>(f.apply(ok.value()));
    }
    return (Translation<U>) this;
  }

  /** Chains a translation that may itself refuse. */
  @SuppressWarnings("unchecked")
  default <U> Translation<U> flatMap(Function<? super T, Translation<U>> f) {
    if (this instanceof Ok<T> ok) {
      return f.apply(ok.value());
    }
    return (Translation<U>) this;
  }

  /** Translated: send {@code value}. */
  record Ok<T>(T value) implements Translation<T> {
    public Ok {
      if (value == null) {
        throw new IllegalArgumentException("value is required");
      }
    }
  }

  /**
   * Refused. A SIP request is answered with {@code sipStatus} (plus {@code headers}, e.g. {@code
   * Unsupported} with a 420); an XMPP stanza is bounced with {@code condition}. {@code reasonCode}
   * is a stable token (e.g. {@code sips-uri}) for logs, metrics and a diagnostic header.
   */
  record Refused<T>(
      int sipStatus, StanzaCondition condition, String reasonCode, List<SipHeader> headers)
      implements Translation<T> {
    public Refused {
      headers = List.copyOf(headers);
    }

    /** The same refusal for another result type. */
    @SuppressWarnings("unchecked")
    public <U> Refused<U> cast() {
      return (Refused<U>) (Refused<?>) this;
    }
  }

  /** Nothing to send; {@code why} is for DEBUG logs. */
  record Ignored<T>(String why) implements Translation<T> {}
}
