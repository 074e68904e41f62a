/**
 * The inbound gate of the SIP listeners: incoming ACL, federation policy and open-federation guard,
 * with the refusal statuses and the {@code ms-diagnostics} reason codes.
 */
package io.fedgate.sip.gate;
