package org.plantracker.progress.export;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes a {@link Ledger} as an .xlsx workbook (Apache POI) or as CSV. */
public final class LedgerWriters {

    /** Excel reads a CSV file as UTF-8 only when it starts with the byte order mark. */
    private static final String BOM = "\uFEFF";
    private static final int MAX_COLUMN_CHARS = 60;
    private static final int MAX_CELL_CHARS = 32_767;

    private LedgerWriters() {
    }

    /**
     * One sheet per ledger sheet, headers bold and frozen. A whole plan is some thousand rows, so the
     * workbook is built in memory (XSSF) rather than streamed.
     */
    public static byte[] xlsx(Ledger ledger) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            Set<String> names = new HashSet<>();
            for (Ledger.Sheet sheet : ledger.sheets()) {
                XSSFSheet xs = workbook.createSheet(uniqueName(sheet.name(), names));
                int[] widths = new int[sheet.headers().size()];
                Row headerRow = xs.createRow(0);
                for (int c = 0; c < sheet.headers().size(); c++) {
                    Cell cell = headerRow.createCell(c);
                    cell.setCellValue(sheet.headers().get(c));
                    cell.setCellStyle(header);
                    widths[c] = displayWidth(sheet.headers().get(c));
                }
                int r = 1;
                for (List<Object> values : sheet.rows()) {
                    Row row = xs.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        Object value = values.get(c);
                        if (value == null) {
                            continue;
                        }
                        Cell cell = row.createCell(c);
                        if (value instanceof Number n) {
                            cell.setCellValue(n.doubleValue());
                        } else {
                            cell.setCellValue(fitInCell(value.toString()));
                        }
                        if (c < widths.length) {
                            widths[c] = Math.max(widths[c], displayWidth(value.toString()));
                        }
                    }
                }
                xs.createFreezePane(0, 1);
                // widths from the text itself: autoSizeColumn needs the fonts of a desktop
                for (int c = 0; c < widths.length; c++) {
                    xs.setColumnWidth(c, (Math.min(widths[c], MAX_COLUMN_CHARS) + 2) * 256);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The section sheets' rows as one table, the section in the first column (RFC 4180, UTF-8 with BOM, CRLF). */
    public static byte[] csv(Ledger ledger) {
        StringBuilder out = new StringBuilder(BOM);
        List<Ledger.Sheet> sections = ledger.sectionSheets();
        List<String> headers = sections.isEmpty() ? LedgerLayout.TASK_HEADERS : sections.get(0).headers();
        out.append("部分");
        for (String h : headers) {
            out.append(',').append(field(h));
        }
        out.append("\r\n");
        for (Ledger.Sheet sheet : sections) {
            for (List<Object> values : sheet.rows()) {
                out.append(field(sheet.section()));
                for (Object value : values) {
                    out.append(',').append(value == null ? "" : field(value.toString()));
                }
                out.append("\r\n");
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** A sheet name Excel accepts (at most 31 characters, none of []:*?/\), unique in the workbook. */
    static String uniqueName(String wanted, Set<String> taken) {
        String base = WorkbookUtil.createSafeSheetName(wanted);
        String name = base;
        for (int i = 2; !taken.add(name.toLowerCase(java.util.Locale.ROOT)); i++) {
            String suffix = "~" + i;
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        return name;
    }

    /** Excel holds at most 32,767 characters in a cell (POI refuses more); a longer text ends with "…". */
    static String fitInCell(String text) {
        return text.length() <= MAX_CELL_CHARS ? text : text.substring(0, MAX_CELL_CHARS - 1) + "…";
    }

    /** CJK characters take two columns. */
    private static int displayWidth(String s) {
        int width = 0;
        for (int i = 0; i < s.length(); i++) {
            width += s.charAt(i) > 0x2E80 ? 2 : 1;
        }
        return width;
    }
}
