/** The running node: data directory, identities, status, composition of the services. */
package io.fedgate.appliance.node;
