package org.plantracker.progress.text;

/**
 * PostgreSQL text cannot hold NUL. Requests holding one are refused (the platform's
 * NulCharacterRefusal), but an event stored with one before (a problem, supervision finding or good
 * practice as a client sent it) must not stop the views, which would fail on it again and again:
 * the view row keeps the text without it, the event keeps it as sent.
 */
public final class StorableText {

    private StorableText() {
    }

    public static String of(String text) {
        return text == null || text.indexOf(0) < 0 ? text : text.replace("\0", "");
    }

    /** The arguments of a statement, every text made storable. */
    public static Object[] args(Object... args) {
        Object[] storable = args.clone();
        for (int i = 0; i < storable.length; i++) {
            if (storable[i] instanceof String text) {
                storable[i] = of(text);
            }
        }
        return storable;
    }
}
