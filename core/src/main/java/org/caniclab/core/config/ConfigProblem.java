package org.caniclab.core.config;

/**
 * One violation of Canic's configuration rules, naming where it is and what is accepted.
 *
 * @param path the key path, e.g. {@code scaling.pools.api.policy.max_workers}
 * @param message what is wrong and what is accepted
 */
public record ConfigProblem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
