package io.dagflow.handler.builtin;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Renders URLs for messages without what may be secret: the user-info part
 * ({@code user:password@}) is removed and a query string is shown as {@code ?...}, since API keys
 * often travel there. Failure messages end up in events and logs that many people read.
 */
final class SafeUrl {

    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#@\\s]*@");
    private static final Pattern QUERY = Pattern.compile("\\?[^\\s#]+");

    private SafeUrl() {
    }

    static String of(URI uri) {
        StringBuilder text = new StringBuilder();
        text.append(uri.getScheme()).append("://").append(hostAndPort(uri));
        if (uri.getRawPath() != null) {
            text.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            text.append("?...");
        }
        return text.toString();
    }

    /** Removes credentials and query strings from any text that may contain URLs. */
    static String redact(String text) {
        if (text == null) {
            return "";
        }
        return QUERY.matcher(USER_INFO.matcher(text).replaceAll("")).replaceAll("?...");
    }

    /** The authority without user-info. */
    static String hostAndPort(URI uri) {
        String authority = uri.getRawAuthority();
        return authority == null ? "" : authority.substring(authority.lastIndexOf('@') + 1);
    }
}
