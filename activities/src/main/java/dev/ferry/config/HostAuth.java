package dev.ferry.config;

/**
 * Where the worker finds a host's credentials. Holds only references (a file, an environment
 * variable), never a secret itself, so printing or logging it leaks nothing.
 *
 * @param username the SASL or SSH user, or null
 * @param passwordFile a file holding the SASL password, or null
 * @param passwordEnv an environment variable holding the SASL password, or null
 */
public record HostAuth(String username, String passwordFile, String passwordEnv) {}
