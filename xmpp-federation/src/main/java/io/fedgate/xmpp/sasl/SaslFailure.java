package io.fedgate.xmpp.sasl;

/** SASL failure conditions of RFC 6120 §6.5. */
public enum SaslFailure {
  /** §6.5.1: the client aborted. */
  ABORTED,
  /** §6.5.2: the account is disabled. */
  ACCOUNT_DISABLED,
  /** §6.5.4: the mechanism may only be used over TLS. */
  ENCRYPTION_REQUIRED,
  /** §6.5.5: the data could not be decoded (base64). */
  INCORRECT_ENCODING,
  /** §6.5.6: the authorization identity is not allowed. */
  INVALID_AUTHZID,
  /** §6.5.7: the mechanism is not offered. */
  INVALID_MECHANISM,
  /** §6.5.8: the request is malformed (e.g. bad SCRAM syntax, channel binding requested). */
  MALFORMED_REQUEST,
  /** §6.5.10: the credentials are wrong. */
  NOT_AUTHORIZED,
  /** §6.5.11: temporary refusal (here: too many recent failures). */
  TEMPORARY_AUTH_FAILURE;

  public String elementName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
