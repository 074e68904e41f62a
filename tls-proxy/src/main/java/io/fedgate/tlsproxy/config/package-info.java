/** The proxy's configuration model (ASA objects) and its validation; pure. */
package io.fedgate.tlsproxy.config;
