package org.plantracker.platform.problem;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

/**
 * Refuses a request body holding a text that cannot be stored: a NUL character (PostgreSQL's text
 * types refuse it) or half of a surrogate pair (not a character at all). JSON carries both as
 * {@code \u0000} and {@code \ud800} escapes. Accepted, such a text is stored in an event, and every
 * projection writing it to a table then fails on that event again and again, holding up its whole
 * view; refused here, it is a 400 naming the field.
 */
@ControllerAdvice
public class StorableTextAdvice extends RequestBodyAdviceAdapter {

    /** Deeper than any request body of these services; a guard against cycles. */
    private static final int MAX_DEPTH = 32;

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        String field = firstUnstorable(body, "body", 0);
        if (field != null) {
            throw DomainException.badRequest("The text in " + field + " holds a character that cannot be stored "
                    + "(NUL, or half of a surrogate pair).", new FieldProblem(field, "must not contain NUL or unpaired surrogates"));
        }
        return body;
    }

    /** @return the JSON path of the first text that cannot be stored (e.g. {@code figures[0].targetId}), or null */
    static String firstUnstorable(Object value, String path, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return null;
        }
        if (value instanceof CharSequence text) {
            return storable(text) ? null : path;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                String found = firstUnstorable(item, path + "[" + i++ + "]", depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String child = child(path, key);
                if (!storable(key)) {
                    return child;
                }
                String found = firstUnstorable(entry.getValue(), child, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                Object componentValue;
                try {
                    componentValue = component.getAccessor().invoke(value);
                } catch (ReflectiveOperationException e) {
                    continue;
                }
                String found = firstUnstorable(componentValue, child(path, component.getName()), depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The top-level fields are named as the request's own fields ("title", not "body.title"). */
    private static String child(String path, String name) {
        return path.equals("body") ? name : path + "." + name;
    }

    static boolean storable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
