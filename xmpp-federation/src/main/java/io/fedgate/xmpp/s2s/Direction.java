package io.fedgate.xmpp.s2s;

/** Which side opened an S2S stream: the peer ({@code INBOUND}) or this node ({@code OUTBOUND}). */
public enum Direction {
  INBOUND,
  OUTBOUND
}
