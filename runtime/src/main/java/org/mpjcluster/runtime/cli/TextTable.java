package org.mpjcluster.runtime.cli;

import java.io.PrintStream;
import java.util.List;

/** Prints rows of text as a table: left-aligned columns two spaces apart, the first row the header. */
final class TextTable {

    private static final String COLUMN_GAP = "  ";

    private TextTable() {
    }

    /** Prints {@code rows}, all of one length, with their columns aligned. */
    static void print(List<List<String>> rows, PrintStream out) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                line.append(String.format("%-" + widths[column] + "s", row.get(column))).append(COLUMN_GAP);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
