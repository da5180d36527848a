package dev.stratus.runtime.instance;

import java.nio.file.Path;

/**
 * A sandboxed wrapper started before any function needs it, with an empty code folder bound at {@code /fn}.
 * It becomes an instance of the first function it is given and of no other.
 */
record StemCell(StemCellKind kind, ProcessInstance process, Path codeDir) {

    /** Whether it listens (or may soon) and can still be given a function. */
    boolean usable() {
        return process.alive() && !process.listening().isCompletedExceptionally();
    }

    boolean listening() {
        return process.listening().isDone() && usable();
    }

    @Override
    public String toString() {
        return "stem cell " + process.processName();
    }
}
