package org.plantracker.platform.limits;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * Refuses a request body whose text holds the NUL character (U+0000). PostgreSQL cannot store it in
 * a text column: a command that looked a unit up with it answered 500, and a report whose narrative
 * held it would have stopped the views' processor at the row it could not write. No field of this
 * product has a use for it, so it is refused where the body is read, as a 400 naming the field
 * (ProblemDetailsAdvice reports the JSON path of the value Jackson could not read).
 *
 * <p>Registered only on the HTTP message converter ({@code WebPlatformAutoConfiguration}), not on the
 * application's ObjectMapper, which also reads stored events and Kafka records.
 */
public final class NulCharacterRefusal extends StdScalarDeserializer<String> {

    private NulCharacterRefusal() {
        super(String.class);
    }

    /** A Jackson module with this deserializer for every String value. */
    public static Module module() {
        return new SimpleModule("plan-tracker-nul-character-refusal").addDeserializer(String.class, new NulCharacterRefusal());
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw MismatchedInputException.from(parser, String.class, "a text may not hold the NUL character (U+0000)");
        }
        return value;
    }
}
