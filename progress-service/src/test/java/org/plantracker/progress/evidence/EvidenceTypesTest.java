package org.plantracker.progress.evidence;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The type comes from the bytes: Office containers are told apart, executables and archives refused, whatever the name. */
class EvidenceTypesTest {

    private final EvidenceTypes types = new EvidenceTypes();

    @TempDir
    Path dir;

    private String detect(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return types.detect(file);
    }

    private static byte[] workbook(Workbook workbook) throws Exception {
        try (workbook; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.createSheet("台账").createRow(0).createCell(0).setCellValue("密山市");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void excelWorkbooksOfBothGenerationsAreRecognisedAndAccepted() throws Exception {
        String xlsx = detect("台账.bin", workbook(new XSSFWorkbook()));
        String xls = detect("台账2.bin", workbook(new HSSFWorkbook()));
        assertThat(xlsx).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xls).isEqualTo("application/vnd.ms-excel");
        assertThat(types.accepted(xlsx)).isTrue();
        assertThat(types.accepted(xls)).isTrue();
    }

    @Test
    void aPdfNamedAsAnythingIsAPdf() throws Exception {
        String pdf = detect("photo.jpg", "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(pdf).isEqualTo("application/pdf");
        assertThat(types.accepted(pdf)).isTrue();
    }

    @Test
    void executablesScriptsAndArchivesAreRefusedWhateverTheirName() throws Exception {
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0};
        byte[] script = "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("setup.exe"));
            out.write(new byte[]{'M', 'Z', 0, 0});
            out.closeEntry();
        }
        byte[] sevenZip = {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        for (byte[] refused : new byte[][]{elf, script, zip.toByteArray(), sevenZip}) {
            String type = detect("会议纪要.pdf", refused);
            assertThat(types.accepted(type)).as(type).isFalse();
        }
        assertThat(types.describeRefused(detect("a.pdf", zip.toByteArray()))).startsWith("an archive");
        assertThat(types.describeRefused(detect("b.pdf", elf))).startsWith("an executable");
    }
}
