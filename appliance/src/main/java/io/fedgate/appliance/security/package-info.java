/** Administrator credentials: password hashes, API tokens, generated secrets. */
package io.fedgate.appliance.security;
