/**
 * What a CI integration (the Jenkins plugin) decides, kept here so that it is tested with the
 * engine: which mode runs a workflow, where its definition comes from, how a step ends, which
 * earlier execution a rerun continues.
 */
package io.dagflow.ci;
