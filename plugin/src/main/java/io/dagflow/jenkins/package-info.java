/**
 * The Jenkins side of dag-workflow: the {@code dagWorkflow} Pipeline step and freestyle build step,
 * global settings, the build page action with its timeline, and reruns of failed nodes. Anything
 * that is not Jenkins glue lives in the engine (io.dagflow.ci, io.dagflow.report, ...).
 */
package io.dagflow.jenkins;
