/** Runtime config changes: object kinds, audited writes, results with their effect on services. */
package io.fedgate.appliance.config;
