package io.dagflow.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.dagflow.ci.RunMode;
import java.net.HttpURLConnection;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
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
