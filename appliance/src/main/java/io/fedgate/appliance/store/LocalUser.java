package io.fedgate.appliance.store;

/**
 * A local user as the API, the CLI and the audit log see it: never its keys or password.
 *
 * @param id the database id
 */
public record LocalUser(long id, String username, String domain, boolean enabled) {

  /** The bare JID, {@code username@domain}. */
  public String jid() {
    return username + "@" + domain;
  }
}
