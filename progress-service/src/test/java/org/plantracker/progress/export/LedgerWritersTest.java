package org.plantracker.progress.export;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerWritersTest {

    @Test
    void sectionsAreNumberedAsThePlanNumbersThem() {
        assertThat(LedgerLayout.sectionLabel(4, "加强青少年法治教育和权益保护")).isEqualTo("（四）加强青少年法治教育和权益保护");
        assertThat(LedgerLayout.numeral(10)).isEqualTo("十");
        assertThat(LedgerLayout.numeral(14)).isEqualTo("十四");
        assertThat(LedgerLayout.numeral(21)).isEqualTo("二十一");
    }

    @Test
    void sheetNamesAreWhatExcelAcceptsAndUnique() {
        Set<String> taken = new HashSet<>();
        String first = LedgerWriters.uniqueName("（十一）加强宣传工作：把关工委的声音传出去[重点]/长期坚持的一项任务", taken);
        String second = LedgerWriters.uniqueName("（十一）加强宣传工作：把关工委的声音传出去[重点]/长期坚持的一项任务", taken);
        assertThat(first).hasSizeLessThanOrEqualTo(31).doesNotContain("[", "]", "/", ":", "*", "?", "\\");
        assertThat(second).hasSizeLessThanOrEqualTo(31).isNotEqualTo(first).endsWith("~2");
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndPutsTheSectionFirst() {
        Ledger ledger = new Ledger("t", List.of(
                new Ledger.Sheet("汇总", null, List.of("部分", "绿灯"), List.of(List.of("x", 1))),
                new Ledger.Sheet("（一）甲", "（一）甲", List.of("任务序号", "进展情况"),
                        List.of(Arrays.asList(1, "开展宣讲, 覆盖\"全市\"\n学校"), Arrays.asList(2, null)))));
        String csv = new String(LedgerWriters.csv(ledger), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("\uFEFF部分,任务序号,进展情况\r\n（一）甲,1,\"开展宣讲, 覆盖\"\"全市\"\"\n学校\"\r\n（一）甲,2,\r\n");
    }

    @Test
    void aTextLongerThanACellHoldsIsCutWithAnEllipsis() throws Exception {
        String longText = "长".repeat(40_000);
        Ledger ledger = new Ledger("t", List.of(new Ledger.Sheet("（一）甲", "（一）甲", List.of("进展情况"),
                List.of(List.of(longText)))));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(LedgerWriters.xlsx(ledger)))) {
            String cell = workbook.getSheetAt(0).getRow(1).getCell(0).getStringCellValue();
            assertThat(cell).hasSize(32_767).endsWith("长…");
        }
        assertThat(new String(LedgerWriters.csv(ledger), StandardCharsets.UTF_8)).contains(longText);
    }

    @Test
    void theWorkbookHasEverySheetWithNumbersAsNumbers() throws Exception {
        Ledger ledger = new Ledger("t", List.of(
                new Ledger.Sheet("汇总", null, List.of("部分", "绿灯"), List.of(List.of("（一）甲", 3))),
                new Ledger.Sheet("（一）甲", "（一）甲", List.of("任务序号", "进展情况"), List.of(Arrays.asList(1, null)))));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(LedgerWriters.xlsx(ledger)))) {
            List<String> names = new ArrayList<>();
            workbook.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).containsExactly("汇总", "（一）甲");
            assertThat(workbook.getSheet("汇总").getRow(0).getCell(1).getStringCellValue()).isEqualTo("绿灯");
            assertThat(workbook.getSheet("汇总").getRow(1).getCell(1).getNumericCellValue()).isEqualTo(3.0);
            assertThat(workbook.getSheet("（一）甲").getRow(1).getCell(1)).isNull();
            assertThat(workbook.getSheet("（一）甲").getPaneInformation().isFreezePane()).isTrue();
        }
    }
}
