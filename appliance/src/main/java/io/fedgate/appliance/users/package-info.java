/**
 * Local XMPP users: validation, the audited admin operations and the in-memory credential snapshot
 * the C2S event loops read (never the database).
 */
package io.fedgate.appliance.users;
