/**
 * Pure admission policy for federation traffic: the IM&amp;P incoming ACL ({@code
 * io.fedgate.acl.incoming}), the XMPP-style federation policy with direction-scoped exceptions
 * ({@code io.fedgate.acl.policy}) and the Lync Access Edge style open-federation guard ({@code
 * io.fedgate.acl.guard}), built on address and name values without DNS ({@code
 * io.fedgate.acl.net}). Decisions and validation problems ({@link io.fedgate.acl.AclProblem}) are
 * values; no I/O, no threads, time and randomness injected.
 */
package io.fedgate.acl;
