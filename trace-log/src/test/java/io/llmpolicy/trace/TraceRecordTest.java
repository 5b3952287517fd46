package io.llmpolicy.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A builder hands its lists to the record it builds (no copy); changing the builder afterwards copies first. */
class TraceRecordTest {

    @Test
    void builtRecord_isUnaffectedByLaterChangesToItsBuilder() {
        TraceRecord.Builder b = Fixtures.full(1).toBuilder().rulesFired(List.of("r1")).reasons(List.of("why"));
        TraceRecord first = b.build();
        b.ruleFired("r2").reason("because").attempt(new Attempt("p", "m", null, 1));
        TraceRecord second = b.build();
        b.rulesFired(List.of("r3")).metadata("later", "x");

        assertThat(first.rulesFired()).containsExactly("r1");
        assertThat(first.reasons()).containsExactly("why");
        assertThat(first.attempts()).hasSize(Fixtures.full(1).attempts().size());
        assertThat(second.rulesFired()).containsExactly("r1", "r2");
        assertThat(second.reasons()).containsExactly("why", "because");
        assertThat(second.attempts()).hasSize(first.attempts().size() + 1);
        assertThat(b.build().rulesFired()).containsExactly("r3");
        assertThat(first.metadata()).doesNotContainKey("later").isEqualTo(Fixtures.full(1).metadata());
        assertThat(b.build().metadata()).containsKey("later");
    }

    @Test
    void recordLists_areReadOnly_andEqualToCopies() {
        TraceRecord r = Fixtures.full(2);
        assertThatThrownBy(() -> r.rulesFired().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.attempts().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.metadata().put("k", new MetaValue.Text("v"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.metadata().entrySet().iterator().next().setValue(new MetaValue.Text("v")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(r.toBuilder().build()).isEqualTo(r).hasSameHashCodeAs(r);
    }

    @Test
    void nullInAList_isRejected() {
        assertThatThrownBy(() -> TraceRecord.builder().ruleFired(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rulesFired");
    }
}
