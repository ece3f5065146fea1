package io.dagflow.jenkins;

import com.sun.net.httpserver.HttpServer;
import hudson.model.Result;
import io.dagflow.handler.Handler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Embedded http nodes run on the controller: they reach only what the administrator allows. */
@WithJenkins
class EmbeddedHttpTest {

    /** Stands for a service only the controller can reach, such as its own admin port or a metadata service. */
    private HttpServer internal;

    @BeforeEach
    void startInternalService() throws Exception {
        internal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        internal.createContext("/", exchange -> {
            byte[] body = "internal-secret".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        internal.start();
    }

    @AfterEach
    void stopInternalService() {
        internal.stop(0);
    }

    @Test
    void anEmbeddedHttpNodeReachesAnInternalAddressOnlyOnceAnAdministratorListsIt(JenkinsRule j) throws Exception {
        String definition = """
                {"name": "peek", "dag": {"nodes": [
                  {"id": "peek", "handler": "http", "config": {"url": "http://127.0.0.1:%d/"}},
                  {"id": "output", "handler": "output", "dependencies": ["peek"], "config": {"body": "{{peek.body}}"}}
                ]}}""".formatted(internal.getAddress().getPort());
        WorkflowJob job = DagWorkflowStepTest.pipeline(j, """
                def out = dagWorkflow definition: %s
                echo "read: ${out.output.body}"
                """.formatted(Flows.literal(definition)));

        WorkflowRun refused = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        DagflowConfiguration.get().setAllowedHttpHosts("*\n127.0.0.1");
        WorkflowRun allowed = j.buildAndAssertSuccess(job);

        j.assertLogContains("is not an allowed destination: 127.0.0.1, a loopback address", refused);
        j.assertLogContains("Manage Jenkins > System > DAG workflows > Allowed HTTP hosts", refused);
        j.assertLogNotContains("internal-secret", refused);
        j.assertLogContains("read: internal-secret", allowed);
    }

    @TestExtension
    public static final class Handlers extends HandlerContribution {
        @Override
        public Collection<? extends Handler> handlers() {
            return TestHandlers.all();
        }
    }
}
