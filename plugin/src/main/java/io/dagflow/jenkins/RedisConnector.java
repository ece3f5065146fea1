package io.dagflow.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import io.dagflow.redis.RedisBackend;
import io.dagflow.redis.RedisConfig;
import java.time.Duration;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The one place that talks to the engine's Redis classes: turns Jenkins settings and credentials
 * into a {@link RedisConfig} and connects. Passwords come from credentials only, never from the URL,
 * and never reach a message: {@link RedisConfig} masks them.
 */
final class RedisConnector {

    private RedisConnector() {
    }

    static RedisConfig config(RedisSettings settings) throws AbortException {
        if (settings.url() == null || settings.url().isBlank()) {
            throw new AbortException("No Redis URL is configured: set one under Manage Jenkins > System > DAG workflows");
        }
        RedisConfig config;
        try {
            config = RedisConfig.parse(settings.url());
            if (config.password() != null) {
                throw new AbortException("The Redis URL " + config.redactedUrl()
                        + " contains a password: store it as a credential and select that credential instead");
            }
            config = config.withTls(config.tls() || settings.tls())
                    .withDatabase(settings.database())
                    .withKeyPrefix(settings.keyPrefix())
                    .withTimeouts(Duration.ofSeconds(settings.connectTimeoutSeconds()),
                            Duration.ofSeconds(settings.socketTimeoutSeconds()));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        return withCredentials(config, settings.credentialsId());
    }

    /** Connects and checks that the server answers; the caller closes the backend. */
    static RedisBackend connect(RedisSettings settings) throws AbortException {
        RedisConfig config = config(settings);
        try {
            return RedisBackend.connect(config);
        } catch (RuntimeException e) {
            throw new RedisUnavailableException("Cannot connect to Redis at " + config.redactedUrl() + ": "
                    + e.getMessage());
        }
    }

    /** Connects once to prove the settings work; returns where it connected. */
    static String check(RedisSettings settings) throws AbortException {
        try (RedisBackend backend = connect(settings)) {
            return backend.config().redactedUrl();
        }
    }

    /** Records that the build used the Redis credentials, for the credential's usage page. */
    static void track(Run<?, ?> run, RedisSettings settings) throws AbortException {
        if (settings.credentialsId() != null && !settings.credentialsId().isBlank()) {
            CredentialsProvider.track(run, credentials(settings.credentialsId()));
        }
    }

    /** The credentials of that id, if they are of a kind Redis can use. */
    static StandardCredentials credentials(String credentialsId) throws AbortException {
        StandardCredentials credentials = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2,
                        List.of()),
                CredentialsMatchers.withId(credentialsId));
        if (credentials == null) {
            throw new AbortException("The Redis credentials '" + credentialsId + "' do not exist (any more)");
        }
        if (!(credentials instanceof StandardUsernamePasswordCredentials) && !(credentials instanceof StringCredentials)) {
            throw new AbortException("The Redis credentials '" + credentialsId
                    + "' are neither username with password nor secret text");
        }
        return credentials;
    }

    private static RedisConfig withCredentials(RedisConfig config, String credentialsId) throws AbortException {
        if (credentialsId == null || credentialsId.isBlank()) {
            return config;
        }
        StandardCredentials credentials = credentials(credentialsId);
        if (credentials instanceof StandardUsernamePasswordCredentials userPassword) {
            return config.withCredentials(userPassword.getUsername(), userPassword.getPassword().getPlainText());
        }
        return config.withPassword(((StringCredentials) credentials).getSecret().getPlainText());
    }
}
