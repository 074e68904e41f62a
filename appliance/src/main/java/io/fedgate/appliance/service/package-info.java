/** Named services with states, dependencies and restart-required flags (IM&P Control Center). */
package io.fedgate.appliance.service;
