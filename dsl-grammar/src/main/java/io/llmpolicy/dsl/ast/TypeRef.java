package io.llmpolicy.dsl.ast;

import io.llmpolicy.dsl.source.Span;

/** A written type such as {@code string}, {@code list<string>} or {@code tokens?}. {@code argument} may be null. */
public record TypeRef(Span span, String name, TypeRef argument, boolean optional) {
    public String text() {
        return name + (argument == null ? "" : "<" + argument.text() + ">") + (optional ? "?" : "");
    }
}
