package dev.stratus.builder.archive;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a zip entry's name into the one relative path it stands for, or refuses it. The name is normalised before it
 * is judged, so no spelling ({@code .//etc/x}, {@code a/./b}, {@code a\b}) can slip past a check made on the raw text,
 * and two spellings of one path compare equal.
 */
final class EntryNames {
    private EntryNames() {
    }

    /** A normalised entry: {@code path} uses single {@code /} separators, no {@code .}, no leading or trailing slash. */
    record Entry(String path, boolean directory) {
    }

    static Entry normalise(String raw) throws InvalidArchiveException {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidArchiveException("entry " + printable(raw) + " contains a control character");
            }
        }
        // Windows zip tools write \ as the separator; on Linux a \ in a file name is never what the user meant
        String name = raw.replace('\\', '/');
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new InvalidArchiveException("entry " + raw + " has an absolute path");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidArchiveException("entry " + raw + " escapes the function root with ..");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty()) {
            throw new InvalidArchiveException("the archive has an entry with an empty name");
        }
        return new Entry(String.join("/", segments), name.endsWith("/"));
    }

    /** Control characters shown as \\uXXXX, so the message stays one readable line. */
    static String printable(String raw) {
        StringBuilder out = new StringBuilder();
        for (char c : raw.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
