/** The "TLS Proxy" service: the tls-proxy module run inside the node, and its admin routes. */
package io.fedgate.appliance.tlsproxy;
