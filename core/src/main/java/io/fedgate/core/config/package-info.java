/** Configuration values shared by every module: problems reported by validation. */
package io.fedgate.core.config;
