package io.llmpolicy.dsl.ast;

import io.llmpolicy.dsl.source.Span;

/** A {@code #} comment; kept so that the formatter can put it back. */
public record Comment(Span span, String text) {}
