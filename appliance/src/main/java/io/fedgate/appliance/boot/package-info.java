/** The boot file: keys, defaults, loading and validation (Apache Commons Configuration 2). */
package io.fedgate.appliance.boot;
