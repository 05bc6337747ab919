package org.plantracker.task.importing;

/**
 * How unit names are compared: plans write the same name with full- or half-width brackets, with
 * stray spaces, or qualified by the city's name (鸡西市教育局 for 市教育局).
 */
public final class UnitNames {

    private UnitNames() {
    }

    /** The comparison key of a name as written in a plan of the given city. */
    public static String key(String name, String city) {
        String key = fold(name);
        String cityKey = fold(city);
        if (cityKey.endsWith("市") && key.startsWith(cityKey) && key.length() > cityKey.length()) {
            // 鸡西市委宣传部 -> 市委宣传部
            key = key.substring(cityKey.length() - 1);
        }
        return key;
    }

    /** Full-width ASCII folded to ASCII, every kind of white space removed. */
    public static String fold(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                b.append((char) (c - 0xFEE0));
            } else if (!isSpace(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B';
    }
}
