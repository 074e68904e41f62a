package io.fedgate.appliance.service;

/** A listener a service has open: configured address and port, and the port actually bound. */
public record BoundListener(String id, String address, int configuredPort, int boundPort) {}
