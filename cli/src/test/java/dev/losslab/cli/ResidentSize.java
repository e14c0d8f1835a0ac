package dev.losslab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A child process's resident size, read from /proc (for the memory soak tests). */
final class ResidentSize {
    private ResidentSize() {}

    /** VmRSS of {@code process} in MB, or −1 once it has ended. */
    static long megabytes(Process process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException gone) {
            // the process ended between two samples
        }
        return -1;
    }
}
