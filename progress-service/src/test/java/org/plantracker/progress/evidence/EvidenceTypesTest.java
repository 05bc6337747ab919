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

    private static byte[] zip(String name, byte[] content) throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("说明.txt"));
            out.write("照片见附件".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry(name));
            out.write(content);
            out.closeEntry();
        }
        return zip.toByteArray();
    }

    private java.util.Optional<String> executableIn(String fileName, byte[] bytes) throws Exception {
        Path file = dir.resolve(fileName);
        Files.write(file, bytes);
        return types.executableInside(file, types.detect(file));
    }

    @Test
    void archivesHoldingExecutablesAreFoundByTheNameOrTheBytesOfTheEntry() throws Exception {
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0};
        byte[] mz = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
        // by name, whatever the bytes
        assertThat(executableIn("a.zip", zip("安装/setup.EXE", "not really".getBytes(StandardCharsets.UTF_8))))
                .contains("安装/setup.EXE");
        assertThat(executableIn("b.zip", zip("run.bat", "echo".getBytes(StandardCharsets.UTF_8)))).contains("run.bat");
        assertThat(executableIn("c.zip", zip("lib.dll", mz))).contains("lib.dll");
        // by bytes, whatever the name: a PE and an ELF named as photos
        assertThat(executableIn("d.zip", zip("照片.jpg", mz))).contains("照片.jpg");
        assertThat(executableIn("e.zip", zip("照片2.jpg", elf))).contains("照片2.jpg");
        // an archive inside the archive is looked into
        assertThat(executableIn("f.zip", zip("inner.zip", zip("x.png", elf)))).contains("inner.zip!/x.png");
        // an archive of documents only holds no executable (it is still refused as an archive by the type)
        assertThat(executableIn("g.zip", zip("会议纪要.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)))).isEmpty();
    }

    @Test
    void aWordFileCarryingAnEmbeddedProgramIsFoundAndAPlainOneIsNot() throws Exception {
        byte[] docx;
        try (org.apache.poi.xwpf.usermodel.XWPFDocument document = new org.apache.poi.xwpf.usermodel.XWPFDocument();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText("工作台账");
            document.write(out);
            docx = out.toByteArray();
        }
        assertThat(executableIn("plain.docx", docx)).isEmpty();
        // the same kind of document with a program packed in as one of its parts (an "embedded object")
        ByteArrayOutputStream carrying = new ByteArrayOutputStream();
        try (org.apache.poi.xwpf.usermodel.XWPFDocument document = new org.apache.poi.xwpf.usermodel.XWPFDocument()) {
            document.createParagraph().createRun().setText("工作台账");
            org.apache.poi.openxml4j.opc.PackagePart part = document.getPackage().createPart(
                    org.apache.poi.openxml4j.opc.PackagingURIHelper.createPartName("/word/embeddings/oleObject1.bin"),
                    "application/vnd.openxmlformats-officedocument.oleObject");
            try (java.io.OutputStream out = part.getOutputStream()) {
                out.write(new byte[]{'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0});
            }
            document.write(carrying);
        }
        String type = detect("carrying.docx", carrying.toByteArray());
        assertThat(types.accepted(type)).as("by its type alone it would pass: " + type).isTrue();
        assertThat(executableIn("carrying2.docx", carrying.toByteArray())).contains("word/embeddings/oleObject1.bin");
    }
}
