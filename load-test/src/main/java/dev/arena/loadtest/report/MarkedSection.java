package dev.arena.loadtest.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replaces the text between the bench-report marker lines of a markdown file, or appends a marked section. */
final class MarkedSection {

    static final String START = "<!-- bench-report:start -->";
    static final String END = "<!-- bench-report:end -->";

    private MarkedSection() {}

    /** Writes {@code section} (ending with a newline) between the markers of {@code file}, creating the file if absent. */
    static void write(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, splice(text, section), StandardCharsets.UTF_8);
    }

    /** {@code text} with the section between its markers, or with a marked section appended when it has none. */
    static String splice(String text, String section) {
        int start = lineAt(text, START, 0);
        if (start < 0) {
            if (lineAt(text, END, 0) >= 0) {
                throw new IllegalStateException("the file has an end marker " + END + " but no start marker " + START);
            }
            String head = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
            return head + "\n" + START + "\n" + section + END + "\n";
        }
        int afterStart = text.indexOf('\n', start);
        if (afterStart < 0) {
            throw new IllegalStateException("the file has a start marker " + START + " but no end marker " + END);
        }
        int end = lineAt(text, END, afterStart + 1);
        if (end < 0) {
            throw new IllegalStateException("the file has a start marker " + START + " but no end marker " + END);
        }
        if (lineAt(text, START, afterStart + 1) >= 0) {
            throw new IllegalStateException("the file has more than one " + START + " marker");
        }
        return text.substring(0, afterStart + 1) + section + text.substring(end);
    }

    /** The offset of the first line from {@code from} that is {@code marker} (surrounding blanks allowed), or -1. */
    private static int lineAt(String text, String marker, int from) {
        int at = text.indexOf(marker, from);
        while (at >= 0) {
            int lineStart = text.lastIndexOf('\n', at - 1) + 1;
            int lineEnd = text.indexOf('\n', at);
            String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
            if (line.strip().equals(marker)) {
                return lineStart;
            }
            at = text.indexOf(marker, at + marker.length());
        }
        return -1;
    }
}
