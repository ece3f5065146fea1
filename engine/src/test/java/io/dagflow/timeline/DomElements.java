package io.dagflow.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds elements in a DOM as Chromium serialises it, by class, for assertions on what was rendered. */
final class DomElements {

    /** One start tag: its name and attributes (values decoded). */
    record Element(String tag, Map<String, String> attributes) {

        String attribute(String name) {
            return attributes.get(name);
        }

        boolean hasClass(String name) {
            String classes = attributes.get("class");
            return classes != null && Arrays.asList(classes.split("\\s+")).contains(name);
        }
    }

    private static final Pattern START_TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[^\\s=>/]+(?:=\"[^\"]*\")?)*)\\s*/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([^\\s=>/]+)(?:=\"([^\"]*)\")?");

    private final List<Element> elements = new ArrayList<>();

    DomElements(String dom) {
        Matcher tag = START_TAG.matcher(dom);
        while (tag.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                attributes.put(attribute.group(1), decode(attribute.group(2) == null ? "" : attribute.group(2)));
            }
            elements.add(new Element(tag.group(1).toLowerCase(), attributes));
        }
    }

    List<Element> withClass(String className) {
        return elements.stream().filter(e -> e.hasClass(className)).toList();
    }

    List<Element> withAttribute(String name, String value) {
        return elements.stream().filter(e -> value.equals(e.attribute(name))).toList();
    }

    List<Element> withTag(String tag) {
        return elements.stream().filter(e -> e.tag().equals(tag)).toList();
    }

    private static String decode(String value) {
        return value.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }
}
