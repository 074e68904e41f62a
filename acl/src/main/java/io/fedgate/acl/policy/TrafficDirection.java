package io.fedgate.acl.policy;

/** Direction of one packet or session relative to this appliance. */
public enum TrafficDirection {
  /** From the partner to local users. */
  INCOMING,
  /** From local users to the partner. */
  OUTGOING
}
