package io.fedgate.xmpp.sasl;

import java.util.Optional;

/**
 * Port: the SCRAM credentials of local users. Called on a Netty event loop, so an implementation
 * must answer from memory (the appliance keeps a cache of its user table) and never block.
 */
public interface CredentialStore {

  /**
   * @param username the SASL authentication identity (the JID localpart)
   * @return the stored keys for this variant, empty if the user is unknown or disabled
   */
  Optional<ScramCredentials> lookup(String username, ScramAlgorithm algorithm);
}
