/** SIP inspection: stream framing and address rewriting per the static PAT; pure. */
package io.fedgate.tlsproxy.sip;
