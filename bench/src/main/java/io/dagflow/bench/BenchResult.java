package io.dagflow.bench;

import java.util.List;

/** A result printed as a table row and as one JSON line. */
interface BenchResult {

    /** What kind of result this is ({@code throughput}, {@code validation}, {@code memory}). */
    String kind();

    List<String> header();

    List<String> row();
}
