package io.dagflow.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.dagflow.ci.RunMode;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class DagflowConfigurationTest {

    @Test
    void theSystemFormKeepsEverySetting(JenkinsRule j) throws Exception {
        DagflowConfiguration settings = DagflowConfiguration.get();
        settings.setRedisUrl("redis://redis.example.test:6380/2");
        settings.setCredentialsId("redis-password");
        settings.setTls(true);
        settings.setDatabase(3);
        settings.setKeyPrefix("ci");
        settings.setConnectTimeoutSeconds(7);
        settings.setSocketTimeoutSeconds(9);
        settings.setDefaultMode("redis");
        settings.setEmbeddedAllowed(false);
        settings.setEmbeddedWorkers(6);
        settings.setEmbeddedNodeLimit(5);
        settings.setAllowedHttpHosts("*\n*.internal.example\n10.0.0.0/8");

        j.configRoundtrip();

        DagflowConfiguration after = DagflowConfiguration.get();
        assertEquals("redis://redis.example.test:6380/2", after.getRedisUrl());
        assertEquals("redis-password", after.getCredentialsId());
        assertTrue(after.isTls());
        assertEquals(3, after.getDatabase());
        assertEquals("ci", after.getKeyPrefix());
        assertEquals(7, after.getConnectTimeoutSeconds());
        assertEquals(9, after.getSocketTimeoutSeconds());
        assertEquals(RunMode.REDIS, after.mode());
        assertFalse(after.isEmbeddedAllowed());
        assertEquals(6, after.getEmbeddedWorkers());
        assertEquals(5, after.getEmbeddedNodeLimit());
        assertEquals("*\n*.internal.example\n10.0.0.0/8", after.getAllowedHttpHosts());
    }

    @Test
    void anAllowedHttpHostThatIsNoPatternIsRefused(JenkinsRule j) {
        DagflowConfiguration settings = DagflowConfiguration.get();

        FormValidation check = settings.doCheckAllowedHttpHosts("*\nhttps://api.example.com/");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> settings.setAllowedHttpHosts("10.0.0.0/40"));

        assertEquals(FormValidation.Kind.ERROR, check.kind);
        assertTrue(check.getMessage().contains("is not a host pattern"), check.getMessage());
        assertEquals("'10.0.0.0/40' has a prefix length outside 0 to 32", error.getMessage());
        assertEquals("*", settings.getAllowedHttpHosts());
        assertEquals(FormValidation.Kind.WARNING, settings.doCheckAllowedHttpHosts("").kind);
    }

    @Test
    void anUnknownDefaultModeIsRefused(JenkinsRule j) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DagflowConfiguration.get().setDefaultMode("kafka"));

        assertEquals("unknown mode 'kafka'; use one of embedded, redis", error.getMessage());
    }

    @Test
    void aPasswordInTheRedisUrlIsRefusedInFavourOfCredentials(JenkinsRule j) {
        FormValidation check = DagflowConfiguration.get().doCheckRedisUrl("redis://user:secret@localhost:6379/0");

        assertEquals(FormValidation.Kind.ERROR, check.kind);
        assertFalse(check.getMessage().contains("secret"));
    }

    @Test
    void aPasswordInTheRedisUrlIsNeverSaved(JenkinsRule j) throws Exception {
        DagflowConfiguration settings = DagflowConfiguration.get();
        settings.setRedisUrl("redis://redis.example.test:6379/0");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> settings.setRedisUrl("redis://user:hunter2@redis.example.test:6379/0"));

        assertEquals(DagflowConfiguration.PASSWORD_IN_URL, error.getMessage());
        assertEquals("redis://redis.example.test:6379/0", settings.getRedisUrl());
        assertFalse(savedSettings(j).contains("hunter2"));
    }

    @Test
    void anInvalidValueInTheSystemFormNamesItsFieldAndSavesNothing(JenkinsRule j) throws Exception {
        DagflowConfiguration settings = DagflowConfiguration.get();
        settings.setKeyPrefix("before");
        JenkinsRule.WebClient browser = j.createWebClient();
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        HtmlForm form = browser.goTo("configure").getFormByName("config");
        onlyInput(form, "_.keyPrefix").setValue("after");
        onlyInput(form, "_.connectTimeoutSeconds").setValue("0");

        HtmlPage answer = j.submit(form);

        assertEquals(HttpURLConnection.HTTP_BAD_REQUEST, answer.getWebResponse().getStatusCode());
        assertTrue(answer.asNormalizedText().contains("The connect timeout must be at least 1, was 0"),
                answer.asNormalizedText());
        assertEquals("before", settings.getKeyPrefix());
        assertTrue(savedSettings(j).contains("<keyPrefix>before</keyPrefix>"));
    }

    @Test
    void aPasswordInTheRedisUrlOfTheSystemFormIsRefusedAndNotSaved(JenkinsRule j) throws Exception {
        JenkinsRule.WebClient browser = j.createWebClient();
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        HtmlForm form = browser.goTo("configure").getFormByName("config");
        onlyInput(form, "_.redisUrl").setValue("redis://:hunter2@redis.example.test:6379/0");
        onlyInput(form, "_.keyPrefix").setValue("after");

        HtmlPage answer = j.submit(form);

        assertEquals(HttpURLConnection.HTTP_BAD_REQUEST, answer.getWebResponse().getStatusCode());
        assertTrue(answer.asNormalizedText().contains(DagflowConfiguration.PASSWORD_IN_URL));
        assertFalse(answer.asNormalizedText().contains("hunter2"));
        DagflowConfiguration settings = DagflowConfiguration.get();
        assertEquals(null, settings.getRedisUrl());
        assertEquals("dagflow", settings.getKeyPrefix());
        assertFalse(savedSettings(j).contains("hunter2"));
    }

    @Test
    void timeoutsAndCountsBelowTheirMinimumAreRefused(JenkinsRule j) {
        DagflowConfiguration settings = DagflowConfiguration.get();

        assertEquals("The connect timeout must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> settings.setConnectTimeoutSeconds(0)).getMessage());
        assertEquals("The command timeout must be at least 1, was -5",
                assertThrows(IllegalArgumentException.class, () -> settings.setSocketTimeoutSeconds(-5)).getMessage());
        assertEquals("The database must be at least 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> settings.setDatabase(-1)).getMessage());
        assertEquals("Embedded worker threads must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> settings.setEmbeddedWorkers(0)).getMessage());
        assertEquals(DagflowConfiguration.DEFAULT_CONNECT_TIMEOUT_SECONDS, settings.getConnectTimeoutSeconds());
    }

    /** What is on disk, which is what a restart would load. */
    static String savedSettings(JenkinsRule j) throws IOException {
        Path file = j.jenkins.getRootDir().toPath().resolve(DagflowConfiguration.class.getName() + ".xml");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static HtmlInput onlyInput(HtmlForm form, String name) {
        List<HtmlInput> inputs = form.getInputsByName(name);
        assertEquals(1, inputs.size(), name);
        return inputs.get(0);
    }

    @Test
    void theFormListsAnswerOnlyPostAndTheFixedModeListsNeedNoPermission(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("reader"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "redis-password", "Redis", Secret.fromString("hunter2")));
        List<String> lists = List.of(
                "descriptorByName/" + DagflowConfiguration.class.getName() + "/fillDefaultModeItems",
                "descriptorByName/" + DagflowConfiguration.class.getName() + "/fillCredentialsIdItems",
                "descriptorByName/" + DagWorkflowStep.class.getName() + "/fillModeItems",
                "descriptorByName/" + DagWorkflowBuilder.class.getName() + "/fillModeItems");
        JenkinsRule.WebClient reader = j.createWebClient().login("reader");
        reader.getOptions().setThrowExceptionOnFailingStatusCode(false);

        for (String list : lists) {
            // Stapler's @POST hides the method from other verbs: a GET finds nothing.
            assertEquals(HttpURLConnection.HTTP_NOT_FOUND,
                    reader.loadWebResponse(new WebRequest(reader.createCrumbedUrl(list), HttpMethod.GET))
                            .getStatusCode(), list);
            WebResponse posted = reader.loadWebResponse(new WebRequest(reader.createCrumbedUrl(list), HttpMethod.POST));
            assertEquals(HttpURLConnection.HTTP_OK, posted.getStatusCode(), list);
            assertFalse(posted.getContentAsString().contains("redis-password"), list);
        }
    }

    @Test
    void theCredentialsCheckNamesMissingAndUnusableCredentials(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "redis-password", "Redis", Secret.fromString("hunter2")));
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "redis-acl", "Redis ACL user", "dagflow", "hunter2"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new FileCredentialsImpl(
                CredentialsScope.GLOBAL, "a-file", "not for Redis", "key.pem",
                SecretBytes.fromRawBytes("key".getBytes(StandardCharsets.UTF_8))));
        DagflowConfiguration settings = DagflowConfiguration.get();

        assertEquals(FormValidation.Kind.OK, settings.doCheckCredentialsId("").kind);
        assertEquals(FormValidation.Kind.OK, settings.doCheckCredentialsId("redis-password").kind);
        assertEquals(FormValidation.Kind.OK, settings.doCheckCredentialsId("redis-acl").kind);
        FormValidation missing = settings.doCheckCredentialsId("gone");
        assertEquals(FormValidation.Kind.ERROR, missing.kind);
        assertEquals("The Redis credentials &#039;gone&#039; do not exist (any more)", missing.getMessage());
        FormValidation unusable = settings.doCheckCredentialsId("a-file");
        assertEquals(FormValidation.Kind.ERROR, unusable.kind);
        assertTrue(unusable.getMessage().contains("neither username with password nor secret text"));
    }

    @Test
    void testingTheConnectionNamesAnUnreachableServer(JenkinsRule j) {
        // Port 9 (discard) has no Redis: the connection is refused at once.
        FormValidation check = DagflowConfiguration.get().doTestConnection("redis://127.0.0.1:9/0", null, false,
                "0", "dagflow", "1", "1");

        assertEquals(FormValidation.Kind.ERROR, check.kind);
        assertTrue(check.getMessage().contains("127.0.0.1:9"), check.getMessage());
    }

    @Test
    void onlyAdministratorsMayTestTheConnection(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Item.CONFIGURE).everywhere().to("user")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        String url = "descriptorByName/" + DagflowConfiguration.class.getName() + "/testConnection?redisUrl=redis://127.0.0.1:9";

        JenkinsRule.WebClient user = j.createWebClient().login("user");
        user.getOptions().setThrowExceptionOnFailingStatusCode(false);
        assertEquals(HttpURLConnection.HTTP_FORBIDDEN,
                user.loadWebResponse(new WebRequest(user.createCrumbedUrl(url), HttpMethod.POST)).getStatusCode());

        JenkinsRule.WebClient admin = j.createWebClient().login("admin");
        assertEquals(HttpURLConnection.HTTP_OK,
                admin.loadWebResponse(new WebRequest(admin.createCrumbedUrl(url), HttpMethod.POST)).getStatusCode());
    }
}
