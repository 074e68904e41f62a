/**
 * Address and name values parsed without DNS: {@link io.fedgate.acl.net.IpAddress} (IPv4 and IPv6
 * literals, IPv4-mapped addresses folded to IPv4), {@link io.fedgate.acl.net.IpRange} (CIDR) and
 * {@link io.fedgate.acl.net.DomainName} (normalized LDH names with label-boundary suffix tests).
 */
package io.fedgate.acl.net;
