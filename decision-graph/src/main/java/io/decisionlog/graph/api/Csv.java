package io.decisionlog.graph.api;

/** CSV for a spreadsheet (RFC 4180, CRLF): every cell quoted, and one a spreadsheet would run as a formula kept as text. */
public final class Csv {
    private Csv() {
    }

    /** One row; a null cell is empty. */
    public static String row(String... cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            out.append(i == 0 ? "" : ",").append(cell(cells[i]));
        }
        return out.append("\r\n").toString();
    }

    public static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
