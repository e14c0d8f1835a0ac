package dev.losslab.lab.repro;

/** Receives one call per finished work unit. */
@FunctionalInterface
public interface Progress {
    void step(String message);

    Progress NONE = m -> {};
}
