package dev.stratus.builder.archive;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an uploaded zip into a scratch folder, refusing what must not be built: entries that escape the function
 * root, duplicates, too many entries, more unpacked bytes than allowed (a zip bomb stops at the limit, it is never
 * fully expanded) and an archive without the handler's file.
 */
@Singleton
public class ArchiveExtractor {
    private final long maxUnpackedBytes;
    private final int maxEntries;

    public ArchiveExtractor(@Value("${stratus.limits.max-unpacked-bytes:524288000}") long maxUnpackedBytes,
                            @Value("${stratus.limits.max-archive-entries:10000}") int maxEntries) {
        this.maxUnpackedBytes = maxUnpackedBytes;
        this.maxEntries = maxEntries;
    }

    /** Extracts into {@code target} and returns the relative paths of the regular files, sorted. */
    public List<String> extract(InputStream zip, Path target, String handlerFile) throws IOException,
            InvalidArchiveException {
        Set<String> files = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        long unpacked = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = checkedName(entry.getName());
                if (!seen.add(name) || seen.size() > maxEntries) {
                    throw new InvalidArchiveException(seen.size() > maxEntries
                            ? "the archive has more than " + maxEntries + " entries"
                            : "the archive contains " + name + " twice");
                }
                Path path = target.resolve(name).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                unpacked += copyBounded(in, path, maxUnpackedBytes - unpacked);
                files.add(name);
            }
        } catch (ZipException e) {
            throw new InvalidArchiveException("the archive is not a valid zip file (" + e.getMessage() + ")");
        } catch (EOFException e) {
            // a cut-off upload ends mid-entry; it is the user's archive, not a build failure
            throw new InvalidArchiveException("the archive is truncated or damaged: it ends in the middle of an entry");
        }
        if (files.isEmpty()) {
            throw new InvalidArchiveException("the archive is empty or not a zip file");
        }
        if (!files.contains(handlerFile)) {
            throw new InvalidArchiveException("handler file " + handlerFile + " was not found at the root of the "
                    + "archive (zip the function's folder contents, not the folder)");
        }
        return List.copyOf(files);
    }

    private static String checkedName(String raw) throws InvalidArchiveException {
        String name = raw.replace('\\', '/');
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new InvalidArchiveException("entry " + raw + " has an absolute path");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidArchiveException("entry " + raw + " escapes the function root with ..");
            }
        }
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (name.isEmpty() || name.equals(".")) {
            throw new InvalidArchiveException("the archive has an entry with an empty name");
        }
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private long copyBounded(InputStream in, Path path, long budget) throws IOException, InvalidArchiveException {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(path)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > budget) {
                    throw new InvalidArchiveException("the archive unpacks to more than " + readable(maxUnpackedBytes));
                }
                out.write(buffer, 0, n);
            }
        }
        return written;
    }

    /** Limits below a MiB would otherwise read "more than 0 MiB". */
    private static String readable(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes >= 1024 && bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
