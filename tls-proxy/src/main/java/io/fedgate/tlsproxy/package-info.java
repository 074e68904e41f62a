/** fedgate tls-proxy module. */
package io.fedgate.tlsproxy;
