/** fedgate core module. */
package io.fedgate.core;
