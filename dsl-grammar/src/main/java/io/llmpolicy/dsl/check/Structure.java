package io.llmpolicy.dsl.check;

import io.llmpolicy.dsl.ast.Expr;

/** The shape of an expression without source positions: equal shapes mean equal conditions. */
public final class Structure {
    private Structure() {}

    public static String of(Object node) {
        return String.valueOf(node).replaceAll("@\\d+:\\d+", "");
    }

    /** Same as {@link #of(Object)}; named for expressions. */
    public static String of(Expr e) {
        return of((Object) e);
    }
}
