package dev.harbormaster.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown report built section by section as the benchmark goes, so that whatever was measured before a phase
 * failed is still written out ({@link #write} runs in a finally).
 */
final class BenchmarkReport {

    private final StringBuilder text = new StringBuilder();
    private List<String[]> rows;
    private int columns;

    BenchmarkReport title(String title) {
        endTable();
        text.append("# ").append(title).append("\n\n");
        return this;
    }

    BenchmarkReport section(String heading) {
        endTable();
        text.append("## ").append(heading).append("\n\n");
        return this;
    }

    BenchmarkReport line(String line) {
        endTable();
        text.append(line).append("\n\n");
        return this;
    }

    BenchmarkReport table(String... header) {
        endTable();
        rows = new ArrayList<>();
        rows.add(header);
        columns = header.length;
        return this;
    }

    BenchmarkReport row(Object... cells) {
        if (rows == null) {
            throw new IllegalStateException("row outside a table");
        }
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
            row[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(row);
        return this;
    }

    /** Pads columns to the widest cell, so the table reads as well in a terminal as rendered. */
    private void endTable() {
        if (rows == null) {
            return;
        }
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            text.append('|');
            for (int i = 0; i < columns; i++) {
                text.append(' ').append(pad(rows.get(r)[i], widths[i])).append(" |");
            }
            text.append('\n');
            if (r == 0) {
                text.append('|');
                for (int i = 0; i < columns; i++) {
                    text.append('-').append("-".repeat(widths[i])).append("-|");
                }
                text.append('\n');
            }
        }
        text.append('\n');
        rows = null;
    }

    private static String pad(String cell, int width) {
        return cell + " ".repeat(width - cell.length());
    }

    String text() {
        endTable();
        return text.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text());
    }

    static String ms(double millis) {
        if (millis < 0) {
            return "n/a";
        }
        return millis < 10 ? String.format("%.2f ms", millis) : millis < 1000 ? String.format("%.1f ms", millis)
                : String.format("%.2f s", millis / 1000);
    }

    static String mib(double mib) {
        return mib < 0 ? "n/a" : String.format("%.0f MiB", mib);
    }
}
