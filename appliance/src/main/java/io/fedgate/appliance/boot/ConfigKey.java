package io.fedgate.appliance.boot;

/**
 * One documented boot-file key. Every key is read at start-up only (a change takes a restart of the
 * process); runtime settings live in the config database instead.
 */
public record ConfigKey(String key, String type, String defaultValue, String description) {}
