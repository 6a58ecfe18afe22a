package dev.harbormaster.command;

import java.util.Optional;

/**
 * Splits a command line into words the way a shell would, with what chat adds: Slack clients turn
 * typed quotes into smart quotes (“ ” ‘ ’), and an apostrophe inside a word ({@code it's}) is not a quote.
 * A quote opens only at the start of a word or right after {@code =}, and closes only before a space or
 * the end. Reads lazily, so the rest of the line can be taken verbatim for a {@code text} argument even
 * when it holds an unbalanced quote.
 */
final class CommandTokenizer {

    /**
     * One word; {@code plain} is false when it was quoted or escaped before any {@code =}, so that
     * {@code "--env"} is a value while {@code --description="a b"} is still an option.
     */
    record Token(String value, boolean plain) {
    }

    /** A quote was opened and never closed; {@code at} is where it opened. */
    static final class UnclosedQuoteException extends Exception {
        final int at;
        final char quote;

        UnclosedQuoteException(int at, char quote) {
            super("unclosed quote", null, false, false);
            this.at = at;
            this.quote = quote;
        }
    }

    private final String text;
    private int position;

    CommandTokenizer(String text) {
        this.text = text;
    }

    int position() {
        return position;
    }

    void seek(int position) {
        this.position = position;
    }

    boolean atEnd() {
        return text.substring(position).isBlank();
    }

    /** The next word, or empty at the end of the line. */
    Optional<Token> next() throws UnclosedQuoteException {
        skipWhitespace();
        if (position >= text.length()) {
            return Optional.empty();
        }
        StringBuilder value = new StringBuilder();
        boolean plain = true;
        // Both kept as the word grows rather than looked up in it at each character: a search made a 40 kB word
        // cost hundreds of milliseconds (quadratic), and even a look at the builder per character cost a 40 kB
        // line milliseconds of its acknowledgement.
        boolean beforeEquals = true;
        boolean quoteMayOpen = true;
        while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
            char c = text.charAt(position);
            if (quoteMayOpen && closerFor(c) != 0) {
                int appendedFrom = value.length();
                position = readQuoted(value, c);
                plain &= !beforeEquals;
                beforeEquals &= value.indexOf("=", appendedFrom) < 0;
                quoteMayOpen = value.isEmpty() || value.charAt(value.length() - 1) == '=';
            } else if (c == '\\' && position + 1 < text.length()) {
                char escaped = text.charAt(position + 1);
                value.append(escaped);
                position += 2;
                plain &= !beforeEquals;
                beforeEquals &= escaped != '=';
                quoteMayOpen = escaped == '=';
            } else {
                value.append(c);
                position++;
                beforeEquals &= c != '=';
                quoteMayOpen = c == '=';
            }
        }
        return Optional.of(new Token(value.toString(), plain));
    }

    /**
     * Everything from the next word to the end, as typed: spaces and tabs before it are dropped, and so is
     * one line break, so YAML pasted on the lines after the command keeps its indentation.
     */
    String rest() {
        int start = position;
        while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        if (text.startsWith("\r\n", start)) {
            start += 2;
        } else if (start < text.length() && text.charAt(start) == '\n') {
            start++;
        }
        position = text.length();
        return text.substring(start).stripTrailing();
    }

    private int readQuoted(StringBuilder value, char opener) throws UnclosedQuoteException {
        int i = position + 1;
        boolean single = closerFor(opener) == '\'';
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isCloser(c, single) && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                return i + 1;
            }
            if (c == '\\' && !single && i + 1 < text.length()) {
                value.append(text.charAt(i + 1));
                i += 2;
            } else {
                value.append(c);
                i++;
            }
        }
        throw new UnclosedQuoteException(position, opener);
    }

    /** The family of a quote character ({@code "} or {@code '}), or 0 when it is not one. */
    private static char closerFor(char c) {
        return switch (c) {
            case '"', '“', '”', '„' -> '"';
            case '\'', '‘', '’' -> '\'';
            default -> 0;
        };
    }

    private static boolean isCloser(char c, boolean single) {
        return single ? c == '\'' || c == '‘' || c == '’' : c == '"' || c == '“' || c == '”';
    }

    private void skipWhitespace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }
}
