/**
 * IM&amp;P's incoming ACL (System &gt; Security &gt; Incoming ACL).
 *
 * <p>Entry points: {@link io.fedgate.acl.incoming.AclEntry} (plain record), {@link
 * io.fedgate.acl.incoming.AclValidator} (every problem at once), {@link
 * io.fedgate.acl.incoming.IncomingAcl} (evaluates a {@link io.fedgate.acl.incoming.Peer} to an
 * {@link io.fedgate.acl.incoming.AclDecision} with a reason code) and {@link
 * io.fedgate.acl.incoming.AclEntries} (immutable list edits that keep the read-only entries of SIP
 * federated domains, as {@link io.fedgate.acl.incoming.AclEdit} values).
 */
package io.fedgate.acl.incoming;
