package io.dagflow.jenkins;

import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.PluginWrapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class LibraryPluginsTest {

    /**
     * Jackson (the engine), Gson and org.json (Jedis) come from their library plugins: one copy per
     * controller, updated with the plugin, so the plugin must depend on them rather than bundle them.
     */
    @Test
    void theLibrariesJenkinsShipsAsPluginsAreDependenciesNotBundled(JenkinsRule j) {
        PluginWrapper dagflow = j.jenkins.getPluginManager().getPlugin("dagflow");
        List<String> required = dagflow.getDependencies().stream()
                .filter(dependency -> !dependency.optional)
                .map(dependency -> dependency.shortName)
                .toList();

        for (String library : List.of("jackson2-api", "gson-api", "json-api")) {
            assertTrue(required.contains(library), "dagflow depends on " + library + ": " + required);
            assertTrue(j.jenkins.getPluginManager().getPlugin(library).isActive(), library + " is active");
        }
    }
}
