package io.dagflow.jenkins;

/**
 * The Redis connection as configured in Jenkins, before credentials are looked up. Two settings
 * are equal when they connect the same way, so that a change can be detected.
 *
 * @param credentialsId the id of a username/password or secret text credential, or null for none
 */
record RedisSettings(
        String url,
        String credentialsId,
        boolean tls,
        int database,
        String keyPrefix,
        int connectTimeoutSeconds,
        int socketTimeoutSeconds) {
}
