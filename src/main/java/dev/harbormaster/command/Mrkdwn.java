package dev.harbormaster.command;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Text for Slack's mrkdwn: Slack reads {@code & < >} as markup (links, mentions, {@code <!channel>} pings), so
 * anything not written by us (user input, broker answers, cluster events, catalog files) and spec text such as
 * {@code <name>} is escaped before it goes into a message. This is the one place that decides how; the catalog's
 * and deployments' helpers call it.
 */
public final class Mrkdwn {

    /** Enough to recognise what was typed without letting a pasted essay flood the reply. */
    static final int ECHO_LIMIT = 80;
    /** Longer than any name, version or image reference Kubernetes and the catalog allow (DNS subdomains: 253). */
    static final int CODE_LIMIT = 256;

    /** Block Kit's limit for a button's {@code url}; a longer address is not linked anywhere. */
    public static final int MAX_URL = 3000;

    /** {@code scheme://user:password@host}: such an address is not even shown, it may hold a secret. */
    private static final Pattern SLACK_USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern USER_INFO = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*@");

    /** A link's text made from its address: long enough to see where it goes. */
    private static final int ADDRESS_TEXT_LIMIT = 60;

    private Mrkdwn() {
    }

    /** A Slack user id as a mention; anything else (a name from a cluster or Alertmanager) as escaped text. */
    public static String person(String who) {
        return who != null && SLACK_USER_ID.matcher(who).matches() ? "<@" + who + ">" : escape(who);
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Undoes Slack's escaping of the slash command text (it sends {@code &amp; &lt; &gt;}). */
    public static String unescape(String text) {
        int first = text.indexOf('&');
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        int i = first;
        while (i < text.length()) {
            if (text.charAt(i) != '&') {
                out.append(text.charAt(i++));
            } else if (text.startsWith("&amp;", i)) {
                out.append('&');
                i += 5;
            } else if (text.startsWith("&lt;", i)) {
                out.append('<');
                i += 4;
            } else if (text.startsWith("&gt;", i)) {
                out.append('>');
                i += 4;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /**
     * User input shown back as inline code: on one line, cut to {@link #ECHO_LIMIT} characters, escaped, and
     * with backticks swapped so they cannot close the code span early.
     */
    public static String echo(String input) {
        String oneLine = input.replaceAll("\\s+", " ").strip();
        if (oneLine.codePointCount(0, oneLine.length()) > ECHO_LIMIT) {
            oneLine = oneLine.substring(0, oneLine.offsetByCodePoints(0, ECHO_LIMIT)) + "…";
        }
        if (oneLine.isEmpty()) {
            oneLine = " ";
        }
        return "`" + escape(oneLine.replace('`', '\'')) + "`";
    }

    /**
     * Text as inline code, escaped, with backticks swapped so they cannot close the code span early, and cut to
     * {@link #CODE_LIMIT} characters: names, versions and image references fit whole, while a pasted essay typed
     * where a name belongs is shown back only in part.
     */
    public static String code(String text) {
        return code(text, CODE_LIMIT);
    }

    /** {@link #code(String)} for our own longer values (an add-on's parameters an approver must see whole). */
    public static String code(String text, int limit) {
        String value = text == null ? "" : text;
        if (value.codePointCount(0, value.length()) > limit) {
            value = value.substring(0, value.offsetByCodePoints(0, limit)) + "…";
        }
        return "`" + escape(value).replace('`', '\'') + "`";
    }

    /**
     * The address when it is safe to give Slack as a link (in {@code <url|text>} or as a button's {@code url}):
     * absolute {@code http} or {@code https} that {@link URI} parses, with a host and without user information
     * ({@code https://intranet.example@evil.example/} goes elsewhere than it reads, and a password would be shown
     * to the channel), printable ASCII only (no space, no control character, no look-alike letters), none of the
     * characters that end or split Slack's link syntax ({@code < > |}), and at most {@link #MAX_URL} characters.
     * Anything else is not a link.
     */
    public static Optional<URI> webUrl(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_URL) {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '|') {
                return Optional.empty();
            }
        }
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean web = scheme.equals("http") || scheme.equals("https");
        if (!web || uri.getHost() == null || uri.getHost().isEmpty() || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    /**
     * A link whose text the bot chose ({@code "Open the dashboard"}), so nobody from outside can make a link read
     * as something it is not; an address that is not a safe web URL ({@link #webUrl}) is shown as inline code,
     * which Slack neither links nor reads as markup, with a note why.
     */
    public static String link(String url, String text) {
        return webUrl(url).map(uri -> "<" + url.replace("&", "&amp;") + "|" + escape(text).replace('|', '¦') + ">")
                .orElseGet(() -> notLinked(url));
    }

    /** A link whose text is its own address (host and path, shortened), for links that have no name of ours. */
    public static String link(String url) {
        return webUrl(url).map(uri -> link(url, addressText(uri))).orElseGet(() -> notLinked(url));
    }

    private static String notLinked(String url) {
        if (url != null && USER_INFO.matcher(url).find()) {
            return "_(address not shown: it carries a user name or password)_";
        }
        return echo(url == null ? "" : url) + " _(not linked: not an http(s) address)_";
    }

    private static String addressText(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
        String text = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
        return text.length() > ADDRESS_TEXT_LIMIT ? text.substring(0, ADDRESS_TEXT_LIMIT - 1) + "…" : text;
    }
}
