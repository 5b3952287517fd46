package io.llmpolicy.dsl.ast;

import io.llmpolicy.dsl.source.Span;

/** An identifier as written, with its place (for "unknown name" diagnostics). */
public record Name(String text, Span span) {
    @Override
    public String toString() {
        return text;
    }
}
