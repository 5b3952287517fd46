package io.llmpolicy.engine.compile;

import io.llmpolicy.dsl.check.Type;

/**
 * How a value of a checked type is held at run time, so evaluation never boxes: counts, money (nano-USD),
 * durations (ms) and model indices are {@code long}; numbers and percentages (5% is 5.0) are {@code double};
 * strings and lists are objects.
 */
enum Rep {
    BOOL, LONG, DOUBLE, OBJECT, NULL;

    static Rep of(Type t) {
        return switch (t.kind()) {
            case BOOL -> BOOL;
            case TOKENS, REQUESTS, MONEY, DURATION, MODEL -> LONG;
            case NUMBER, PERCENT -> DOUBLE;
            case STRING, LIST, ERROR -> OBJECT;
            case NULL -> NULL;
        };
    }
}
