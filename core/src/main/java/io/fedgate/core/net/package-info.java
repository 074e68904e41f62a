/** Network-related syntax checks that do no I/O. */
package io.fedgate.core.net;
