package org.plantracker.platform.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NulCharacterRefusalTest {

    record Supervision(String unitCode, List<String> problems) {
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(NulCharacterRefusal.module());

    @Test
    void aTextHoldingNulIsRefusedNamingWhereItStands() {
        assertThatThrownBy(() -> json.readValue("{\"unitCode\":\"jixi\\u0000mishan\",\"problems\":[]}", Supervision.class))
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(((MismatchedInputException) e).getPath().get(0).getFieldName()).isEqualTo("unitCode"));
        assertThatThrownBy(() -> json.readValue("{\"unitCode\":\"jixi-mishan\",\"problems\":[\"ok\",\"bad\\u0000\"]}", Supervision.class))
                .isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(((MismatchedInputException) e).getPath()).extracting(r -> r.getFieldName() + "/" + r.getIndex())
                        .containsExactly("problems/-1", "null/1"));
    }

    @Test
    void everyOtherTextIsReadAsBefore() throws Exception {
        Supervision read = json.readValue("{\"unitCode\":\"密山\\u202E𠀀\",\"problems\":[\"农村学校师资不足\"]}", Supervision.class);
        assertThat(read.unitCode()).isEqualTo("密山\u202E𠀀");
        assertThat(read.problems()).containsExactly("农村学校师资不足");
        assertThat(json.readValue("{\"unitCode\":null}", Supervision.class).unitCode()).isNull();
    }
}
