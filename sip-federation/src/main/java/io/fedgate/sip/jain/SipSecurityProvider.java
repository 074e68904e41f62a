package io.fedgate.sip.jain;

import gov.nist.core.net.SecurityManagerProvider;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * JAIN-SIP's source of TLS keys and trust, named by class in the stack properties: it takes the
 * {@link Material} the endpoint registered under the stack's name, so that the listeners use the
 * {@code cup} identity and {@link FederationTrustManager} instead of JAIN-SIP's key store files.
 */
public final class SipSecurityProvider implements SecurityManagerProvider {
  /** Material by stack name, registered by the endpoint just before it creates the stack. */
  private static final Map<String, Material> MATERIALS = new ConcurrentHashMap<>();

  private Material material;

  /** Key and trust managers of one stack. */
  record Material(KeyManager[] keys, TrustManager[] trust) {}

  @Override
  public void init(Properties properties) throws GeneralSecurityException {
    Material m = MATERIALS.get(properties.getProperty("javax.sip.STACK_NAME", ""));
    if (m == null) {
      throw new GeneralSecurityException("no fedgate TLS material for the stack");
    }
    this.material = m;
  }

  static void register(String stackName, Material material) {
    MATERIALS.put(stackName, material);
  }

  static void unregister(String stackName) {
    MATERIALS.remove(stackName);
  }

  @Override
  public KeyManager[] getKeyManagers(boolean client) {
    return material.keys().clone();
  }

  @Override
  public TrustManager[] getTrustManagers(boolean client) {
    return material.trust().clone();
  }
}
