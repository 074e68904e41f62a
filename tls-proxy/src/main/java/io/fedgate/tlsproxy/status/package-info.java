/** What operators see of a running proxy: sessions, closed sessions, ACL counters. */
package io.fedgate.tlsproxy.status;
