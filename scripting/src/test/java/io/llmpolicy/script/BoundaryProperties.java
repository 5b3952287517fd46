package io.llmpolicy.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Every value of every script type survives a round trip through an identity function unchanged. */
class BoundaryProperties {

    private static final ScriptFunction STRING = identity(ScriptType.STRING);
    private static final ScriptFunction NUMBER = identity(ScriptType.NUMBER);
    private static final ScriptFunction BOOL = identity(ScriptType.BOOL);
    private static final ScriptFunction STRINGS = identity(ScriptType.STRING_LIST);
    private static final ScriptFunction NUMBERS = identity(ScriptType.NUMBER_LIST);

    private static ScriptFunction identity(ScriptType type) {
        return TestRuntimes.fn("function id(x) { return x; }", "id", type, type);
    }

    @Property(tries = 200)
    void string_roundTrips(@ForAll String s) {
        assertThat(STRING.call(s)).isEqualTo(s);
    }

    @Property(tries = 200)
    void double_roundTrips(@ForAll double d) {
        Assume.that(!Double.isNaN(d));
        assertThat(NUMBER.call(d)).isEqualTo(d);
    }

    @Property(tries = 100)
    void long_arrivesAsItsDoubleValue(@ForAll long n) {
        assertThat(NUMBER.call(n)).isEqualTo((double) n);
    }

    @Property(tries = 10)
    void bool_roundTrips(@ForAll boolean b) {
        assertThat(BOOL.call(b)).isEqualTo(b);
    }

    @Property(tries = 100)
    void stringList_roundTrips(@ForAll List<String> xs) {
        assertThat(STRINGS.call(xs)).isEqualTo(xs);
    }

    @Property(tries = 100)
    void numberList_roundTrips(@ForAll List<Double> xs) {
        List<Double> finite = new ArrayList<>();
        for (Double x : xs) {
            if (x != null && !x.isNaN()) {
                finite.add(x);
            }
        }
        assertThat(NUMBERS.call(finite)).isEqualTo(finite);
    }
}
