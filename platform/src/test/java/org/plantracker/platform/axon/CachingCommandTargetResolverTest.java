package org.plantracker.platform.axon;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingCommandTargetResolverTest {

    record Assign(@TargetAggregateIdentifier String taskId, @TargetAggregateVersion Long expectedVersion, String lead) {
    }

    record Report(@TargetAggregateIdentifier String shareId, String narrative) {
    }

    static class ByField {
        @TargetAggregateIdentifier
        private final String planId;

        ByField(String planId) {
            this.planId = planId;
        }
    }

    record Anonymous(String text) {
    }

    private final CachingCommandTargetResolver resolver = new CachingCommandTargetResolver();
    private final AnnotationCommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    @Test
    void resolvesWhatAxonsResolverResolvesAndKeepsDoingSo() {
        for (Object command : new Object[]{new Assign("task-1", 3L, "jixi-education"), new Assign("task-2", null, "x"),
                new Report("task-1:jixi-mishan", "…"), new ByField("plan-9")}) {
            VersionedAggregateIdentifier expected = axons.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            for (int i = 0; i < 3; i++) {
                VersionedAggregateIdentifier actual = resolver.resolveTarget(GenericCommandMessage.asCommandMessage(command));
                assertThat(actual.getIdentifier()).isEqualTo(expected.getIdentifier());
                assertThat(actual.getVersion()).isEqualTo(expected.getVersion());
            }
        }
        assertThat(resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new Assign("task-1", 3L, "y"))).getVersion())
                .isEqualTo(3L);
    }

    @Test
    void aCommandWithoutTargetOrWithANullTargetIsRefusedAsAxonRefusesIt() {
        assertThatThrownBy(() -> resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new Anonymous("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[Anonymous]");
        assertThatThrownBy(() -> resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new Report(null, "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@TargetAggregateIdentifier");
    }
}
