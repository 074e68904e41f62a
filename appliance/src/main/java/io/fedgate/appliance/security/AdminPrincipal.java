package io.fedgate.appliance.security;

/** An authenticated admin user and the role the request runs with. */
public record AdminPrincipal(String username, AdminRole role) {}
