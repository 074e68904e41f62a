/**
 * The node's certificate stores and TLS settings as operators change them: {@link
 * io.fedgate.appliance.certs.CertificateAdmin} and {@link
 * io.fedgate.appliance.certs.TlsSettingsAdmin} wrap the cert-store library with the actor for the
 * audit log, the listeners that use each store ({@link io.fedgate.appliance.certs.StoreUsage}) and
 * the effect of a change on the services (applied live or "restart required"); {@link
 * io.fedgate.appliance.certs.CertificateExpiry} reports certificates that expire soon (status,
 * metrics, a daily log line).
 */
package io.fedgate.appliance.certs;
