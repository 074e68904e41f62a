/** fedgate xmpp-federation module. */
package io.fedgate.xmpp;
