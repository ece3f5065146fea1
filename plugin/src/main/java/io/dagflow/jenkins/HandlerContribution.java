package io.dagflow.jenkins;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import io.dagflow.handler.Handler;
import java.util.Collection;

/**
 * Adds node types to workflows run in embedded mode. Implement it in a plugin and mark the
 * implementation {@code @Extension}; its handlers then run inside the Jenkins controller, like the
 * built-in ones. Redis mode does not use them: its handlers live in the workers.
 */
public abstract class HandlerContribution implements ExtensionPoint {

    /**
     * The handlers to add; a handler with the name of a built-in replaces it, except
     * {@code command}, which stays disabled on the controller.
     */
    public abstract Collection<? extends Handler> handlers();

    static ExtensionList<HandlerContribution> all() {
        return ExtensionList.lookup(HandlerContribution.class);
    }
}
