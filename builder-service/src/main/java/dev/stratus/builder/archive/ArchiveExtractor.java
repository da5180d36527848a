package dev.stratus.builder.archive;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
        Path root = target.toAbsolutePath().normalize();
        Set<String> files = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        long unpacked = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                EntryNames.Entry name = EntryNames.normalise(entry.getName());
                if (!seen.add(name.path())) {
                    throw new InvalidArchiveException(duplicate(name.path(), entry.getName()));
                }
                if (seen.size() > maxEntries) {
                    throw new InvalidArchiveException("the archive has more than " + maxEntries + " entries");
                }
                Path path = inside(root, name.path());
                if (name.directory()) {
                    createFolders(root, path, entry.getName());
                    continue;
                }
                createFolders(root, path.getParent(), entry.getName());
                // zip symlinks live in unix mode bits that ZipInputStream never reads: such an entry is written as
                // a regular file holding the link's target text, and nothing is ever followed
                unpacked += copyBounded(in, path, maxUnpackedBytes - unpacked);
                files.add(name.path());
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

    private static String duplicate(String path, String raw) {
        String plain = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        return "the archive contains " + path + " twice"
                + (plain.equals(path) ? "" : " (" + raw + " is another spelling of the same path)");
    }

    /** Second line of defence behind {@link EntryNames}: whatever the name, the target stays under the root. */
    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IOException("refusing to extract " + name + " outside " + root);
        }
        return path;
    }

    /**
     * Creates the folders from the root down to {@code dir} one by one, never through a symlink: createDirectories
     * would follow a link planted in the build folder and create folders wherever it points.
     */
    private static void createFolders(Path root, Path dir, String entry) throws IOException, InvalidArchiveException {
        Path current = root;
        for (Path segment : root.relativize(dir)) {
            current = current.resolve(segment);
            try {
                Files.createDirectory(current);
            } catch (FileAlreadyExistsException e) {
                if (Files.isSymbolicLink(current)) {
                    throw new IOException("refusing to extract " + entry + " through the symlink " + current);
                }
                if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                    throw new InvalidArchiveException("entry " + entry + " needs a folder "
                            + root.relativize(current) + " but the archive has a file of that name");
                }
            }
        }
    }

    private long copyBounded(InputStream in, Path path, long budget) throws IOException, InvalidArchiveException {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        // CREATE_NEW never opens an existing file or follows a symlink in its place: every write makes a new file
        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > budget) {
                    throw new InvalidArchiveException("the archive unpacks to more than " + readable(maxUnpackedBytes));
                }
                out.write(buffer, 0, n);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("refusing to extract over " + path + ": something is already there", e);
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
