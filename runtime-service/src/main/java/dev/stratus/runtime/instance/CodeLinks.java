package dev.stratus.runtime.instance;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Puts a revision's code into a stem cell's code folder. Files are hard links to the unpacked revision (instant,
 * and the very same read-only files a normal instance reads); copies where the two folders are on different
 * file systems. Folders keep their permissions, so the sandbox sees what an instance of the revision sees.
 */
final class CodeLinks {

    private CodeLinks() {
    }

    /** Fills {@code target} (an existing, empty folder) with the tree under {@code source}. */
    static void fill(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Path copy = target.resolve(source.relativize(dir).toString());
                if (!dir.equals(source)) {
                    Files.createDirectory(copy);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path copy = target.resolve(source.relativize(file).toString());
                if (attributes.isSymbolicLink()) {
                    Files.createSymbolicLink(copy, Files.readSymbolicLink(file));
                } else if (attributes.isRegularFile()) {
                    link(file, copy);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                // set last: a folder unpacked without write permission must still be filled first
                Path copy = target.resolve(source.relativize(dir).toString());
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
                Files.setPosixFilePermissions(copy, permissions);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void link(Path file, Path copy) throws IOException {
        try {
            Files.createLink(copy, file);
        } catch (FileSystemException | UnsupportedOperationException e) {
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** How many entries the tree under {@code dir} holds, counting no further than {@code limit}. */
    static long count(Path dir, long limit) throws IOException {
        try (var entries = Files.walk(dir)) {
            return entries.limit(limit + 1).count();
        }
    }
}
