package io.dagflow.bench;

import io.dagflow.json.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints results as aligned tables (one per kind of result), then one JSON line per result. */
final class Report {

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void print(List<BenchResult> results) {
        List<BenchResult> block = new ArrayList<>();
        for (BenchResult result : results) {
            if (!block.isEmpty() && !block.get(0).kind().equals(result.kind())) {
                table(block);
                block.clear();
            }
            block.add(result);
        }
        if (!block.isEmpty()) {
            table(block);
        }
        for (BenchResult result : results) {
            out.println(Json.write(result));
        }
        out.flush();
    }

    private void table(List<BenchResult> block) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(block.get(0).header());
        block.forEach(result -> rows.add(result.row()));
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                String cell = rows.get(r).get(c);
                line.append(c == 0 ? "" : " | ").append(cell).append(" ".repeat(widths[c] - cell.length()));
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int c = 0; c < widths.length; c++) {
                    rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
                }
                out.println(rule);
            }
        }
        out.println();
    }
}
