/** fedgate appliance module. */
package io.fedgate.appliance;
