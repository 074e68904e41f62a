/**
 * The SIP federation gateway: {@link io.fedgate.sip.gateway.SipGateway} between the {@link
 * io.fedgate.sip.jain.SipEndpoint} and the router ports, using the translators of {@code
 * io.fedgate.sip.translate}; {@link io.fedgate.sip.gateway.NextHops} gives the routes.
 */
package io.fedgate.sip.gateway;
