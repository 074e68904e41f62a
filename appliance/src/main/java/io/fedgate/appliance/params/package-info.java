/** Runtime parameters (IM&P service parameters): catalog, validation, snapshot, audit. */
package io.fedgate.appliance.params;
