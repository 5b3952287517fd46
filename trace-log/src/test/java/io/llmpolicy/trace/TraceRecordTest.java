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

    @Test
    void metadata_keepsInsertionOrder_replacesInPlace_andEqualsAnOrdinaryMap() {
        TraceRecord.Builder b = TraceRecord.builder().metadata("team", "a").metadata("user", "u1")
                .metadata("tags", List.of("x", "y")).metadata("team", "b");
        TraceRecord r = b.build();
        java.util.Map<String, MetaValue> expected = new java.util.LinkedHashMap<>();
        expected.put("team", new MetaValue.Text("b"));
        expected.put("user", new MetaValue.Text("u1"));
        expected.put("tags", new MetaValue.TextList(List.of("x", "y")));

        assertThat(r.metadata().keySet()).containsExactly("team", "user", "tags");
        assertThat(r.metadata()).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(r.metadata().get("user")).isEqualTo(new MetaValue.Text("u1"));
        assertThat(r.metadata().get("nobody")).isNull();
        b.metadata("more", "m"); // after build: copies first
        assertThat(r.metadata()).hasSize(3);
        assertThat(b.build().metadata().keySet()).containsExactly("team", "user", "tags", "more");
    }

    @Test
    void listSetWhole_isCopied_soLaterChangesToTheCallersListDoNotReachTheRecord() {
        java.util.List<String> rules = new java.util.ArrayList<>(List.of("a"));
        TraceRecord.Builder b = TraceRecord.builder().rulesFired(rules);
        rules.add("b");
        TraceRecord r = b.ruleFired("c").build();

        assertThat(r.rulesFired()).containsExactly("a", "c");
        assertThat(rules).containsExactly("a", "b");
    }

    @Test
    void nullInAListSetWhole_isRejectedWithTheRecordId() {
        java.util.List<String> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> TraceRecord.builder().recordId("r-1").reasons(withNull).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reasons of record r-1");
    }
}
