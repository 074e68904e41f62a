package io.fedgate.appliance.boot;

/** Where one listener binds. Port 0 means any free port; the bound port is reported at run time. */
public record ListenerConfig(ListenerId id, String address, int port, boolean enabled) {}
