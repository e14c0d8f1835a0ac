package dev.losslab.cli;

import dev.losslab.core.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A command's output folder, checked before any work: created if missing, refused (naming the
 * option) when it is a file or cannot be created or written. {@link #discard} removes it again
 * when this command created it and then failed, so a failed run leaves nothing half-written.
 */
final class OutputFolder {
    private final Path dir;
    private final boolean created;

    private OutputFolder(Path dir, boolean created) {
        this.dir = dir;
        this.created = created;
    }

    static OutputFolder prepare(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidArgumentException(option, dir + " exists and is not a folder");
        }
        boolean created = !Files.exists(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new InvalidArgumentException(option, "cannot create folder " + dir + " (" + reason(e) + ")");
        }
        if (!Files.isWritable(dir)) {
            throw new InvalidArgumentException(option, "folder " + dir + " is not writable");
        }
        return new OutputFolder(dir, created);
    }

    Path path() {
        return dir;
    }

    /** Deletes the folder and what is in it, if this command created it. */
    void discard() {
        if (!created) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: the run's own failure is what the user needs to see
        }
    }

    /** A short reason for a file-system failure, without exception class names. */
    static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "a parent folder does not exist or cannot hold folders";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : "the file system refused";
        }
        return e.getMessage() == null ? "unknown reason" : e.getMessage();
    }
}
