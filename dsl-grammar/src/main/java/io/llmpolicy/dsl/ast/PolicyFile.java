package io.llmpolicy.dsl.ast;

import io.llmpolicy.dsl.source.Span;
import java.util.List;

/**
 * One parsed {@code .llmpolicy} file.
 *
 * @param header the {@code policy "name" version "v"} line, or null when absent
 */
public record PolicyFile(Span span, Header header, List<Import> imports, List<Decl> decls, List<Comment> comments) {

    /** {@code version} may be null. */
    public record Header(Span span, String name, String version) {}

    public record Import(Span span, String path) {}
}
