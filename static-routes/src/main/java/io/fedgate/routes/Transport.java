package io.fedgate.routes;

/**
 * IM&amp;P's "Protocol Type" of a static route. Lync and Skype for Business require TLS; OCS may
 * use TCP or TLS. TCP is IM&amp;P's default.
 */
public enum Transport {
  TCP,
  UDP,
  TLS
}
