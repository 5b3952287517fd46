package io.llmpolicy.trace;

import java.util.List;

/**
 * A request metadata value the policy marks as traced (team, user, tags, ...): a single string or a list of
 * strings. Immutable, thread-safe.
 */
public sealed interface MetaValue {

    /** A single value, for example {@code team = "payments"}. */
    record Text(String value) implements MetaValue {
        public Text {
            if (value == null) {
                throw new IllegalArgumentException("metadata text value must not be null");
            }
        }
    }

    /** Several values, for example {@code tags = ["beta", "eu"]}. */
    record TextList(List<String> values) implements MetaValue {
        public TextList {
            if (values == null) {
                throw new IllegalArgumentException("metadata list must not be null or contain null");
            }
            for (int i = 0, n = values.size(); i < n; i++) { // a loop, not a stream: this runs for every traced request
                if (values.get(i) == null) {
                    throw new IllegalArgumentException("metadata list must not be null or contain null");
                }
            }
            values = List.copyOf(values);
        }
    }

    static MetaValue of(String value) {
        return new Text(value);
    }

    static MetaValue of(List<String> values) {
        return new TextList(values);
    }

    /** The values as a list: one element for {@link Text}. */
    default List<String> asList() {
        return switch (this) {
            case Text t -> List.of(t.value());
            case TextList l -> l.values();
        };
    }
}
