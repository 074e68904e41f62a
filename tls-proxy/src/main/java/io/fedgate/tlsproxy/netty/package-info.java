/** The Netty engine: listeners, the two TLS legs of each session, relay with backpressure. */
package io.fedgate.tlsproxy.netty;
