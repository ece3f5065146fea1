package io.dagflow.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dagflow.ci.RunMode;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void everySettingCanBeConfiguredAsCode(JenkinsConfiguredWithCodeRule j) {
        DagflowConfiguration settings = DagflowConfiguration.get();

        assertEquals("redis://redis.internal:6379/0", settings.getRedisUrl());
        assertEquals("dagflow-redis", settings.getCredentialsId());
        assertTrue(settings.isTls());
        assertEquals(2, settings.getDatabase());
        assertEquals("jenkins-ci", settings.getKeyPrefix());
        assertEquals(3, settings.getConnectTimeoutSeconds());
        assertEquals(10, settings.getSocketTimeoutSeconds());
        assertEquals(RunMode.REDIS, settings.mode());
        assertFalse(settings.isEmbeddedAllowed());
        assertEquals(8, settings.getEmbeddedWorkers());
        assertEquals("*\napi.internal.example", settings.getAllowedHttpHosts());
    }

    @Test
    void aPasswordInTheRedisUrlIsRefusedAsCode(JenkinsConfiguredWithCodeRule j) throws Exception {
        String yaml = getClass().getResource("redis-url-with-password.yaml").toExternalForm();

        ConfiguratorException error = assertThrows(ConfiguratorException.class,
                () -> ConfigurationAsCode.get().configure(yaml));

        assertTrue(causes(error).contains(DagflowConfiguration.PASSWORD_IN_URL), causes(error));
        DagflowConfiguration settings = DagflowConfiguration.get();
        assertNull(settings.getRedisUrl());
        assertFalse(DagflowConfigurationTest.savedSettings(j).contains("hunter2"));
    }

    private static String causes(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
