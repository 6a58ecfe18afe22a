package dev.harbormaster.command;

/**
 * Text for Slack's mrkdwn: Slack reads {@code & < >} as markup (links, mentions), so anything not written by
 * us, and spec text such as {@code <name>}, is escaped before it goes into a message.
 */
public final class Mrkdwn {

    /** Enough to recognise what was typed without letting a pasted essay flood the reply. */
    static final int ECHO_LIMIT = 80;

    private Mrkdwn() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Undoes Slack's escaping of the slash command text (it sends {@code &amp; &lt; &gt;}). */
    public static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("&amp;", i)) {
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

    /** Our own text (a usage line, an example) as inline code, escaped. */
    public static String code(String text) {
        return "`" + escape(text) + "`";
    }
}
