/**
 * The XMPP services of the node: the XMPP Connection Manager (C2S listeners with the {@code
 * cup-xmpp} identity) and the XCP Router (local delivery, offline storage, stanza errors).
 */
package io.fedgate.appliance.xmpp;
