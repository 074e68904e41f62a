/**
 * Federation objects as operators edit them: static routes, incoming ACL, policy, SIP domains,
 * guard.
 */
package io.fedgate.appliance.federation;
