package io.fedgate.acl.policy;

/**
 * An exception to the default policy.
 *
 * @param domain {@code example.com} (that domain only; write {@code host.example.com} if JIDs carry
 *     a host part) or {@code *.example.com} (the domain and all its subdomains)
 * @param direction which traffic it applies to
 */
public record PolicyException(String domain, ExceptionDirection direction) {}
