package dev.harbormaster.cost;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: one record at a time, quoted fields with doubled quotes and line breaks inside,
 * CRLF or LF. Memory is bounded by {@link #MAX_FIELD} and {@link #MAX_FIELDS}: a record beyond them is read to its
 * end and handed back as malformed rather than held, so a hostile file cannot exhaust the heap.
 */
final class CsvRecords {

    static final int MAX_FIELD = 64 * 1024;
    static final int MAX_FIELDS = 1000;

    /** One record: its fields, or why it cannot be used ({@code problem} non-null). */
    record Row(List<String> fields, String problem, long line) {
        boolean malformed() {
            return problem != null;
        }
    }

    /** The file cannot be read on (a quote never closed): nothing of it should be kept. */
    static final class BrokenFileException extends Exception {
        BrokenFileException(String message) {
            super(message);
        }
    }

    private final Reader in;
    private final StringBuilder field = new StringBuilder();
    private long line = 1;
    private int pushedBack = -2;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the file. */
    Row next() throws IOException, BrokenFileException {
        int c = read();
        if (c == -1) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        String problem = null;
        while (true) {
            field.setLength(0);
            boolean tooLong = false;
            if (c == '"') {
                // Quoted field: runs to the closing quote; "" is one quote.
                while (true) {
                    c = read();
                    if (c == -1) {
                        throw new BrokenFileException("a quote opened on line " + startLine + " is never closed");
                    }
                    if (c == '"') {
                        int after = read();
                        if (after == '"') {
                            tooLong |= append('"');
                            continue;
                        }
                        c = after;
                        break;
                    }
                    tooLong |= append((char) c);
                }
                if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    problem = problem == null ? "text after a closing quote" : problem;
                    while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                        c = read();
                    }
                }
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    if (c == '"' && problem == null) {
                        problem = "a quote inside an unquoted field";
                    }
                    tooLong |= append((char) c);
                    c = read();
                }
            }
            if (tooLong && problem == null) {
                problem = "a field longer than " + MAX_FIELD + " characters";
            }
            if (fields.size() < MAX_FIELDS) {
                fields.add(tooLong ? "" : field.toString());
            } else if (problem == null) {
                problem = "more than " + MAX_FIELDS + " fields";
            }
            if (c == ',') {
                c = read();
                if (c == -1 || c == '\n' || c == '\r') {
                    fields.add("");
                } else {
                    continue;
                }
            }
            if (c == '\r') {
                int after = read();
                if (after != '\n' && after != -1) {
                    pushedBack = after;
                }
            }
            return new Row(fields, problem, startLine);
        }
    }

    private boolean append(char c) {
        if (field.length() >= MAX_FIELD) {
            return true;
        }
        field.append(c);
        return false;
    }

    private int read() throws IOException {
        int c;
        if (pushedBack != -2) {
            c = pushedBack;
            pushedBack = -2;
        } else {
            c = in.read();
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }
}
