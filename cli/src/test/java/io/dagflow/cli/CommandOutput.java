package io.dagflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;

/** What one dagflow invocation printed and returned. */
record CommandOutput(int exitCode, String out, String err) {

    static CommandOutput run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandOutput(code, out.toString(), err.toString());
    }

    JsonNode json() {
        return Json.tree(out);
    }
}
