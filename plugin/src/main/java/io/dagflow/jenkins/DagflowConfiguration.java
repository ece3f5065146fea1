package io.dagflow.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dagflow.ci.RunMode;
import io.dagflow.handler.builtin.HttpDestinations;
import io.dagflow.redis.RedisConfig;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins > System > DAG workflows, also configurable as code under
 * {@code unclassified: dagflow:}.
 */
@Extension
@Symbol("dagflow")
public class DagflowConfiguration extends GlobalConfiguration {

    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = (int) RedisConfig.DEFAULT_CONNECT_TIMEOUT.toSeconds();
    static final int DEFAULT_SOCKET_TIMEOUT_SECONDS = (int) RedisConfig.DEFAULT_SOCKET_TIMEOUT.toSeconds();
    static final int DEFAULT_EMBEDDED_WORKERS = 4;
    static final int DEFAULT_EMBEDDED_NODE_LIMIT = 16;
    static final int DEFAULT_RESUME_RETRY_SECONDS = 600;
    static final String PASSWORD_IN_URL =
            "The Redis URL contains a password: store it as a credential and select it under Redis credentials";

    private String redisUrl;
    private String credentialsId;
    private boolean tls;
    private int database;
    private String keyPrefix = RedisConfig.DEFAULT_KEY_PREFIX;
    private int connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private int socketTimeoutSeconds = DEFAULT_SOCKET_TIMEOUT_SECONDS;
    private String defaultMode = RunMode.EMBEDDED.id();
    private boolean embeddedAllowed = true;
    private int embeddedWorkers = DEFAULT_EMBEDDED_WORKERS;
    private int embeddedNodeLimit = DEFAULT_EMBEDDED_NODE_LIMIT;
    private int resumeRetrySeconds = DEFAULT_RESUME_RETRY_SECONDS;
    private String allowedHttpHosts = HttpDestinations.ANY_PUBLIC;
    /**
     * The orchestrator name this controller uses on Redis. Workers address results to it, so it must
     * stay the same across restarts for resumed executions to receive them; it is generated once.
     */
    private String orchestratorId;

    public DagflowConfiguration() {
        load();
    }

    public static DagflowConfiguration get() {
        return ExtensionList.lookupSingleton(DagflowConfiguration.class);
    }

    RedisSettings redisSettings() {
        return new RedisSettings(redisUrl, credentialsId, tls, database, keyPrefix, connectTimeoutSeconds,
                socketTimeoutSeconds);
    }

    /** Where embedded {@code http} nodes, which run on the controller, may send requests. */
    HttpDestinations httpDestinations() {
        return httpDestinations(allowedHttpHosts);
    }

    private static HttpDestinations httpDestinations(String patterns) {
        return HttpDestinations.ofLines(patterns, "; an administrator can allow it under Manage Jenkins > System >"
                + " DAG workflows > Allowed HTTP hosts");
    }

    /** The mode a step runs in when it names none. */
    RunMode mode() {
        return RunMode.parseOr(defaultMode, RunMode.EMBEDDED);
    }

    synchronized String orchestratorId() {
        if (orchestratorId == null) {
            orchestratorId = "jenkins-" + HexFormat.of().formatHex(randomBytes());
            save();
        }
        return orchestratorId;
    }

    public String getRedisUrl() {
        return redisUrl;
    }

    /** Refuses a URL that does not parse or holds a password, which would be saved in plain text. */
    @DataBoundSetter
    public void setRedisUrl(String redisUrl) {
        this.redisUrl = checkRedisUrl(redisUrl);
        save();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    public boolean isTls() {
        return tls;
    }

    @DataBoundSetter
    public void setTls(boolean tls) {
        this.tls = tls;
        save();
    }

    public int getDatabase() {
        return database;
    }

    @DataBoundSetter
    public void setDatabase(int database) {
        this.database = atLeast(database, 0, "The database");
        save();
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    @DataBoundSetter
    public void setKeyPrefix(String keyPrefix) {
        String prefix = Util.fixEmptyAndTrim(keyPrefix);
        this.keyPrefix = prefix == null ? RedisConfig.DEFAULT_KEY_PREFIX : prefix;
        save();
    }

    public int getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
        this.connectTimeoutSeconds = atLeast(connectTimeoutSeconds, 1, "The connect timeout");
        save();
    }

    public int getSocketTimeoutSeconds() {
        return socketTimeoutSeconds;
    }

    @DataBoundSetter
    public void setSocketTimeoutSeconds(int socketTimeoutSeconds) {
        this.socketTimeoutSeconds = atLeast(socketTimeoutSeconds, 1, "The command timeout");
        save();
    }

    public String getDefaultMode() {
        return defaultMode;
    }

    /** Refuses anything but a known mode, so that a typo in configuration as code fails loudly. */
    @DataBoundSetter
    public void setDefaultMode(String defaultMode) {
        this.defaultMode = RunMode.parseOr(defaultMode, RunMode.EMBEDDED).id();
        save();
    }

    public boolean isEmbeddedAllowed() {
        return embeddedAllowed;
    }

    @DataBoundSetter
    public void setEmbeddedAllowed(boolean embeddedAllowed) {
        this.embeddedAllowed = embeddedAllowed;
        save();
    }

    public int getEmbeddedWorkers() {
        return embeddedWorkers;
    }

    @DataBoundSetter
    public void setEmbeddedWorkers(int embeddedWorkers) {
        this.embeddedWorkers = atLeast(embeddedWorkers, 1, "Embedded worker threads");
        save();
    }

    /**
     * Checks the whole form before binding any of it, so that an invalid value is reported on its
     * field and leaves the saved settings as they were; the setters then save once, together.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        check(json, "redisUrl", value -> checkRedisUrl(value));
        check(json, "defaultMode", value -> RunMode.parseOr(value, RunMode.EMBEDDED));
        check(json, "allowedHttpHosts", DagflowConfiguration::httpDestinations);
        check(json, "database", value -> atLeast(formNumber(value, "The database"), 0, "The database"));
        check(json, "embeddedWorkers",
                value -> atLeast(formNumber(value, "Embedded worker threads"), 1, "Embedded worker threads"));
        check(json, "embeddedNodeLimit", value -> atLeast(formNumber(value, "Embedded nodes running at once"), 1,
                "Embedded nodes running at once"));
        check(json, "resumeRetrySeconds", value -> atLeast(formNumber(value, "Retrying Redis on resume"), 0,
                "Retrying Redis on resume"));
        check(json, "connectTimeoutSeconds",
                value -> atLeast(formNumber(value, "The connect timeout"), 1, "The connect timeout"));
        check(json, "socketTimeoutSeconds",
                value -> atLeast(formNumber(value, "The command timeout"), 1, "The command timeout"));
        try (BulkChange change = new BulkChange(this)) {
            try {
                req.bindJSON(this, json);
            } catch (RuntimeException e) {
                // What was bound before the failure must not linger in memory either.
                load();
                throw new FormException("DAG workflows: " + e.getMessage(), e, null);
            }
            change.commit();
        } catch (IOException e) {
            throw new FormException("DAG workflows: the settings could not be saved: " + e.getMessage(), e, null);
        }
        return true;
    }

    private static void check(JSONObject json, String field, Consumer<String> rule) throws FormException {
        if (!json.has(field)) {
            return;
        }
        try {
            rule.accept(json.getString(field));
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), field);
        }
    }

    /** The URL, trimmed, or null; refused when it does not parse or carries a password. */
    static String checkRedisUrl(String value) {
        String url = Util.fixEmptyAndTrim(value);
        if (url == null) {
            return null;
        }
        if (RedisConfig.parse(url).password() != null) {
            throw new IllegalArgumentException(PASSWORD_IN_URL);
        }
        return url;
    }

    private static int atLeast(int value, int minimum, String what) {
        if (value < minimum) {
            throw new IllegalArgumentException(what + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    private static int formNumber(String value, String what) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, was '" + value + "'");
        }
    }

    public int getEmbeddedNodeLimit() {
        return embeddedNodeLimit;
    }

    /** How many embedded nodes may run at once on the controller, all builds together. */
    @DataBoundSetter
    public void setEmbeddedNodeLimit(int embeddedNodeLimit) {
        this.embeddedNodeLimit = atLeast(embeddedNodeLimit, 1, "Embedded nodes running at once");
        save();
    }

    public int getResumeRetrySeconds() {
        return resumeRetrySeconds;
    }

    /** How long a build resumed after a restart keeps trying to reach Redis before it fails; 0 fails at once. */
    @DataBoundSetter
    public void setResumeRetrySeconds(int resumeRetrySeconds) {
        this.resumeRetrySeconds = atLeast(resumeRetrySeconds, 0, "Retrying Redis on resume");
        save();
    }

    public String getAllowedHttpHosts() {
        return allowedHttpHosts;
    }

    /** One pattern per line; refuses a line that is not a pattern. */
    @DataBoundSetter
    public void setAllowedHttpHosts(String allowedHttpHosts) {
        String patterns = allowedHttpHosts == null ? "" : allowedHttpHosts.strip();
        httpDestinations(patterns);
        this.allowedHttpHosts = patterns;
        save();
    }

    // ---- form support; every method but the fixed mode list checks that the caller administers Jenkins

    /** A fixed list that reveals nothing: the one form method that needs no permission. */
    @POST
    public ListBoxModel doFillDefaultModeItems() {
        ListBoxModel items = new ListBoxModel();
        for (RunMode mode : RunMode.values()) {
            items.add(mode.id());
        }
        return items;
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(credentialsId);
        }
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(),
                        CredentialsMatchers.anyOf(
                                CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
                                CredentialsMatchers.instanceOf(StringCredentials.class)))
                .includeCurrentValue(credentialsId);
    }

    @POST
    public FormValidation doCheckRedisUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok("Only needed for mode 'redis'");
        }
        try {
            checkRedisUrl(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok("No credentials: for a Redis server without a password");
        }
        try {
            RedisConnector.credentials(value.trim());
            return FormValidation.ok();
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckAllowedHttpHosts(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            httpDestinations(value);
            return Util.fixEmptyAndTrim(value) == null
                    ? FormValidation.warning("No pattern: embedded http nodes cannot call any host")
                    : FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckEmbeddedWorkers(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return positive(value, "Worker threads");
    }

    @POST
    public FormValidation doCheckEmbeddedNodeLimit(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return positive(value, "Embedded nodes running at once");
    }

    @POST
    public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return positive(value, "The connect timeout");
    }

    @POST
    public FormValidation doCheckSocketTimeoutSeconds(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return positive(value, "The command timeout");
    }

    /** Connects with the values in the form (not the saved ones) and answers PING. */
    @POST
    public FormValidation doTestConnection(
            @QueryParameter String redisUrl,
            @QueryParameter String credentialsId,
            @QueryParameter boolean tls,
            @QueryParameter String database,
            @QueryParameter String keyPrefix,
            @QueryParameter String connectTimeoutSeconds,
            @QueryParameter String socketTimeoutSeconds) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            RedisSettings settings = new RedisSettings(Util.fixEmptyAndTrim(redisUrl),
                    Util.fixEmptyAndTrim(credentialsId), tls, number(database, "The database", 0),
                    Util.fixEmptyAndTrim(keyPrefix) == null ? RedisConfig.DEFAULT_KEY_PREFIX : keyPrefix.trim(),
                    number(connectTimeoutSeconds, "The connect timeout", DEFAULT_CONNECT_TIMEOUT_SECONDS),
                    number(socketTimeoutSeconds, "The command timeout", DEFAULT_SOCKET_TIMEOUT_SECONDS));
            return FormValidation.ok("Connected to " + RedisConnector.check(settings));
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    private static FormValidation positive(String value, String what) {
        try {
            if (number(value, what, 1) < 1) {
                return FormValidation.error(what + " must be at least 1");
            }
            return FormValidation.ok();
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    private static int number(String value, String what, int fallback) throws AbortException {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(text);
            if (number < 0) {
                throw new AbortException(what + " must not be negative, was " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new AbortException(what + " must be a whole number, was '" + text + "'");
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
