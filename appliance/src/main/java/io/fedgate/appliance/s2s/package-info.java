/**
 * The XMPP Federation Connection Manager: the S2S service of xmpp-federation wired to the node's
 * settings, partners, certificates, admission policy and router; live connections and failures.
 */
package io.fedgate.appliance.s2s;
