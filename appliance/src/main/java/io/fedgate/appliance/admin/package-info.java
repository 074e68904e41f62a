/** The admin HTTPS endpoint: REST API, health, metrics and the admin pages (Javalin). */
package io.fedgate.appliance.admin;
