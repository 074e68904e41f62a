/** fedgate tls-proxy: the ASA-style back-to-back TLS proxy for SIP federation (see README). */
package io.fedgate.tlsproxy;
