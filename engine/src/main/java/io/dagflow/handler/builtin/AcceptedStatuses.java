package io.dagflow.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.dagflow.handler.HandlerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The response statuses an http node treats as success, written as numbers ({@code 200}),
 * classes ({@code "2xx"}) or inclusive ranges ({@code "200-299"}).
 */
record AcceptedStatuses(List<Range> ranges) {

    static final AcceptedStatuses SUCCESSFUL = new AcceptedStatuses(List.of(new Range(200, 299)));

    private static final Pattern SINGLE = Pattern.compile("\\d{3}");
    private static final Pattern CLASS = Pattern.compile("([1-5])xx");
    private static final Pattern RANGE = Pattern.compile("(\\d{3})\\s*-\\s*(\\d{3})");

    AcceptedStatuses {
        ranges = List.copyOf(ranges);
    }

    static AcceptedStatuses from(NodeConfig config, String field) throws HandlerException {
        List<JsonNode> entries = config.optionalList(field).orElse(null);
        if (entries == null) {
            return SUCCESSFUL;
        }
        if (entries.isEmpty()) {
            throw config.invalidField(field, "must list at least one status");
        }
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ranges.add(parse(entries.get(i), config, field + "[" + i + "]"));
        }
        return new AcceptedStatuses(ranges);
    }

    boolean accepts(int status) {
        for (Range range : ranges) {
            if (range.contains(status)) {
                return true;
            }
        }
        return false;
    }

    private static Range parse(JsonNode entry, NodeConfig config, String where) throws HandlerException {
        if (entry.isIntegralNumber()) {
            return checked(entry.asInt(), entry.asInt(), entry.asText(), config, where);
        }
        if (!entry.isTextual()) {
            throw config.invalidField(where, "must be a status such as 200, \"2xx\" or \"200-299\", got "
                    + NodeConfig.describe(entry));
        }
        String text = entry.textValue().trim().toLowerCase(Locale.ROOT);
        if (SINGLE.matcher(text).matches()) {
            int status = Integer.parseInt(text);
            return checked(status, status, text, config, where);
        }
        Matcher statusClass = CLASS.matcher(text);
        if (statusClass.matches()) {
            int hundreds = Integer.parseInt(statusClass.group(1)) * 100;
            return new Range(hundreds, hundreds + 99);
        }
        Matcher range = RANGE.matcher(text);
        if (range.matches()) {
            return checked(Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2)), text, config, where);
        }
        throw config.invalidField(where, "must be a status such as 200, \"2xx\" or \"200-299\", got \""
                + entry.textValue() + "\"");
    }

    private static Range checked(int from, int to, String text, NodeConfig config, String where)
            throws HandlerException {
        if (from < 100 || to > 599 || from > to) {
            throw config.invalidField(where, "is not a status or status range between 100 and 599: " + text);
        }
        return new Range(from, to);
    }

    record Range(int from, int to) {
        boolean contains(int status) {
            return status >= from && status <= to;
        }
    }
}
