/** The config database (H2 or PostgreSQL, Flyway schema), audit log and JDBC repositories. */
package io.fedgate.appliance.store;
