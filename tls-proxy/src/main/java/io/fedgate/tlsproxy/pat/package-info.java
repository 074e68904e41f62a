/** The static PAT table as SIP inspection reads it; pure. */
package io.fedgate.tlsproxy.pat;
