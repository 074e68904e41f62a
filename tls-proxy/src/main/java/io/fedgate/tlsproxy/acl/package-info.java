/** Access lists bound to proxy instances: first match wins, implicit deny, hit counters; pure. */
package io.fedgate.tlsproxy.acl;
