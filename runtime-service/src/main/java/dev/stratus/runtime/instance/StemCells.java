package dev.stratus.runtime.instance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A few stem cells per kind, kept started so a cold start skips the sandbox's and interpreter's start-up. A kind
 * is learnt from the first instance started of it (the wrapper comes from the revision's image); a cell taken is
 * replaced once it has become its instance, so refilling does not compete with that start for the CPU.
 */
final class StemCells implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StemCells.class);
    /* Kinds change only when the platform's wrappers do; older ones stop being used and their cells are let go. */
    private static final int MAX_KINDS = 4;
    private final int perKind;
    private final Launcher launcher;
    private final StemCellKinds kinds = new StemCellKinds();
    private final Map<StemCellKind, Cells> byKind = new LinkedHashMap<>(8, 0.75f, true);
    private final ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    /** Starts one cell of a kind, in the sandbox an instance of {@code template} would get. */
    interface Launcher {
        StemCell launch(StemCellKind kind, InstanceSpec template) throws Exception;
    }

    private static final class Cells {
        final Deque<StemCell> cells = new ArrayDeque<>();
        InstanceSpec template;
        int starting;
        /* a cell ended before it listened: retried at the kind's next start, not in a loop */
        boolean failing;
    }

    StemCells(int perKind, Launcher launcher) {
        this.perKind = perKind;
        this.launcher = launcher;
    }

    /** A cell that can become an instance of {@code spec}, preferring one that already listens. */
    Optional<StemCell> take(InstanceSpec spec) {
        if (perKind <= 0) {
            return Optional.empty();
        }
        Optional<StemCellKind> kind = kinds.of(spec);
        return kind.isEmpty() ? Optional.empty() : take(kind.get(), spec);
    }

    private synchronized Optional<StemCell> take(StemCellKind kind, InstanceSpec spec) {
        if (closed) {
            return Optional.empty();
        }
        Cells cells = byKind.computeIfAbsent(kind, k -> new Cells());
        cells.template = spec; // the newest revision of the kind: its files are the likeliest to stay around
        retireOldKinds();
        StemCell taken = pick(cells, true);
        if (taken == null && !cells.failing) {
            taken = pick(cells, false);
        }
        if (taken == null) {
            cells.failing = false;
            fill(kind, cells);
        }
        return Optional.ofNullable(taken);
    }

    private static StemCell pick(Cells cells, boolean listeningOnly) {
        for (Iterator<StemCell> it = cells.cells.iterator(); it.hasNext(); ) {
            StemCell cell = it.next();
            if (listeningOnly ? cell.listening() : cell.usable()) {
                it.remove();
                return cell;
            }
        }
        return null;
    }

    /** Replaces a cell that was taken, once it is done becoming its instance. */
    synchronized void refill(StemCellKind kind) {
        Cells cells = byKind.get(kind);
        if (cells != null && !closed) {
            fill(kind, cells);
        }
    }

    /** How many cells of {@code spec}'s kind listen now. */
    synchronized int listening(InstanceSpec spec) {
        Cells cells = perKind <= 0 ? null : kinds.of(spec).map(byKind::get).orElse(null);
        return cells == null ? 0 : (int) cells.cells.stream().filter(StemCell::listening).count();
    }

    private void fill(StemCellKind kind, Cells cells) {
        for (int missing = perKind - cells.cells.size() - cells.starting; missing > 0; missing--) {
            cells.starting++;
            InstanceSpec template = cells.template;
            starter.execute(() -> start(kind, cells, template));
        }
    }

    private void start(StemCellKind kind, Cells cells, InstanceSpec template) {
        StemCell cell = null;
        try {
            cell = launcher.launch(kind, template);
        } catch (Exception e) {
            if (!closed) {
                LOG.warn("Cannot start a stem cell for {}: {}", kind, e.getMessage());
            }
        }
        synchronized (this) {
            cells.starting--;
            if (cell == null) {
                cells.failing = true;
                return;
            }
            if (closed || byKind.get(kind) != cells) {
                cell.process().stop();
                return;
            }
            cells.cells.add(cell);
        }
        StemCell started = cell;
        started.process().exited().thenAccept(reason -> ended(kind, cells, started, reason));
    }

    private synchronized void ended(StemCellKind kind, Cells cells, StemCell cell, String reason) {
        if (!cells.cells.remove(cell) || closed || byKind.get(kind) != cells) {
            return; // taken (it ended as an instance), or let go
        }
        if (cell.process().listening().isCompletedExceptionally()) {
            LOG.warn("A stem cell for {} ended before it listened: {}", kind, reason);
            cells.failing = true;
        } else {
            fill(kind, cells);
        }
    }

    private void retireOldKinds() {
        for (Iterator<Cells> it = byKind.values().iterator(); byKind.size() > MAX_KINDS && it.hasNext(); ) {
            Cells eldest = it.next();
            it.remove();
            eldest.cells.forEach(cell -> cell.process().stop());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        byKind.values().forEach(cells -> cells.cells.forEach(cell -> cell.process().stop()));
        byKind.clear();
        // not interrupted: a cell being forked is registered, then stopped, rather than lost mid-fork
        starter.shutdown();
    }
}
