package dev.stratus.bench;

import java.util.ArrayList;
import java.util.List;

/** The benchmark's figures, printed at the end as a Markdown table (the README's Performance section). */
final class Report {
    private final List<String[]> rows = new ArrayList<>();

    void add(String what, String figures, String note) {
        rows.add(new String[] {what, figures, note});
        System.out.printf("  %-52s %s  %s%n", what, figures, note);
    }

    void print() {
        System.out.println();
        System.out.println("| measurement | figures | against |");
        System.out.println("|---|---|---|");
        rows.forEach(row -> System.out.println("| " + row[0] + " | " + row[1] + " | " + row[2] + " |"));
        System.out.printf("%nMachine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    }
}
