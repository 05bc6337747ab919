package org.plantracker.platform.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResolvedMetaDataDeserializerTest {

    @Test
    void axonsSerializersReadMetadataWithTheResolvedReaderAndTheSameResult() throws Exception {
        MetaData metaData = MetaData.from(Map.of("correlation-id", "c-1", "actor-unit", "hulin", "attempt", 3,
                "problems", List.of("经费不足", "人员不足"), "nested", Map.of("a", true)));
        ObjectMapper mapper = new ObjectMapper();
        JacksonSerializer first = JacksonSerializer.builder().objectMapper(mapper).build();
        byte[] stored = first.serialize(metaData, byte[].class).getData();
        MetaData axons = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build()
                .deserialize(serialized(first, stored));

        ResolvedMetaDataDeserializer.registrar().postProcessAfterInitialization(first, "serializer");
        // a second Axon serializer on the same mapper (as Spring builds three) registers Axon's module again
        JacksonSerializer second = JacksonSerializer.builder().objectMapper(mapper).build();
        ResolvedMetaDataDeserializer.registrar().postProcessAfterInitialization(second, "eventSerializer");

        assertThat(((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createDummyInstance(mapper.getDeserializationConfig())
                .findRootValueDeserializer(mapper.constructType(MetaData.class)))
                .isInstanceOf(ResolvedMetaDataDeserializer.class);
        MetaData ours = second.deserialize(serialized(second, stored));
        assertThat(ours).isEqualTo(axons).isEqualTo(metaData);
        assertThat((MetaData) first.deserialize(serialized(first, stored))).isEqualTo(metaData);
    }

    private static SerializedObject<byte[]> serialized(JacksonSerializer serializer, byte[] data) {
        return new org.axonframework.serialization.SerializedMetaData<>(data, byte[].class);
    }
}
