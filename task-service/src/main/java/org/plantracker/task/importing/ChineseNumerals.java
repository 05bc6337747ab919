package org.plantracker.task.importing;

/** Section numerals as plans write them: 一 … 十 … 十四 … 九十九. */
public final class ChineseNumerals {

    private static final String DIGITS = "零一二三四五六七八九";

    private ChineseNumerals() {
    }

    /** @return the value, or -1 when the text is not a numeral from 1 to 99 */
    public static int parse(String numeral) {
        if (numeral == null || numeral.isEmpty() || numeral.length() > 3) {
            return -1;
        }
        int ten = numeral.indexOf('十');
        if (ten < 0) {
            return numeral.length() == 1 ? digit(numeral.charAt(0), false) : -1;
        }
        if (numeral.indexOf('十', ten + 1) >= 0) {
            return -1;
        }
        int tens = ten == 0 ? 1 : (ten == 1 ? digit(numeral.charAt(0), false) : -1);
        int units = ten == numeral.length() - 1 ? 0
                : (ten == numeral.length() - 2 ? digit(numeral.charAt(ten + 1), false) : -1);
        return tens < 1 || units < 0 ? -1 : tens * 10 + units;
    }

    public static String format(int value) {
        if (value < 1 || value > 99) {
            throw new IllegalArgumentException("numerals run from 1 to 99: " + value);
        }
        int tens = value / 10;
        int units = value % 10;
        StringBuilder b = new StringBuilder();
        if (tens > 1) {
            b.append(DIGITS.charAt(tens));
        }
        if (tens > 0) {
            b.append('十');
        }
        if (units > 0) {
            b.append(DIGITS.charAt(units));
        }
        return b.toString();
    }

    private static int digit(char c, boolean allowZero) {
        int value = DIGITS.indexOf(c);
        return value < 0 || (value == 0 && !allowZero) ? -1 : value;
    }
}
