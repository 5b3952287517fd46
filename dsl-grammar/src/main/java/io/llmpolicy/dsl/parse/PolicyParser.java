package io.llmpolicy.dsl.parse;

import io.llmpolicy.dsl.ast.Comment;
import io.llmpolicy.dsl.ast.PolicyFile;
import io.llmpolicy.dsl.diag.Code;
import io.llmpolicy.dsl.diag.Diagnostics;
import io.llmpolicy.dsl.source.Source;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/**
 * Parses one {@code .llmpolicy} file into a {@link PolicyFile}. Syntax errors become diagnostics (never
 * exceptions); when there is any, no AST is returned, because later stages would only report follow-on noise.
 * Nesting deeper than {@link #MAX_DEPTH} brackets or prefix operators is refused before parsing, so hostile input
 * cannot overflow the stack. Thread-safe: every call builds its own lexer and parser.
 */
public final class PolicyParser {
    /** Deepest nesting of (), [], {} and prefix operators accepted. */
    public static final int MAX_DEPTH = 64;

    private PolicyParser() {}

    /**
     * Whether {@code text} can be written as a plain identifier (a const, model alias or function name): it lexes
     * as one identifier token, so it is neither a keyword nor anything else. Asks the lexer itself, so the answer
     * follows the grammar when keywords are added.
     */
    public static boolean isIdentifier(String text) {
        if (text == null || text.isEmpty()) return false;
        LlmPolicyLexer lexer = new LlmPolicyLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        Token first = lexer.nextToken();
        return first.getType() == LlmPolicyLexer.ID && first.getStopIndex() == text.length() - 1
                && lexer.nextToken().getType() == Token.EOF;
    }

    /** @return the AST, or null when there were syntax errors (then {@code diagnostics} says why) */
    public static PolicyFile parse(Source source, Diagnostics diagnostics) {
        LlmPolicyLexer lexer = new LlmPolicyLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        if (!depthOk(source, tokens.getTokens(), diagnostics)) return null;

        LlmPolicyParser parser = new LlmPolicyParser(tokens);
        parser.removeErrorListeners();
        SyntaxErrors errors = new SyntaxErrors(source, diagnostics, tokens);
        parser.addErrorListener(errors);
        LlmPolicyParser.FileContext tree = parser.file();
        // The grammar accepts &&, || and ! so that one slip does not derail the parse; each is still an error.
        boolean foreign = false;
        for (Token t : tokens.getTokens()) {
            String instead = switch (t.getType()) {
                case LlmPolicyLexer.C_AND -> "and";
                case LlmPolicyLexer.C_OR -> "or";
                case LlmPolicyLexer.C_NOT -> "not";
                default -> null;
            };
            if (instead != null) {
                foreign = true;
                diagnostics.error(Code.E105, source.span(t.getStartIndex(), t.getStopIndex() + 1),
                        "'" + t.getText() + "' is not an operator in llmpolicy", "use '" + instead + "'");
            }
        }
        if (errors.count() > 0 || foreign) return null;

        List<Comment> comments = new ArrayList<>();
        for (Token t : tokens.getTokens()) {
            if (t.getType() == LlmPolicyLexer.COMMENT) {
                comments.add(new Comment(source.span(t.getStartIndex(), t.getStopIndex() + 1), t.getText()));
            }
        }
        return new AstBuilder(source, diagnostics).file(tree, List.copyOf(comments));
    }

    private static boolean depthOk(Source source, List<Token> tokens, Diagnostics diagnostics) {
        int depth = 0;
        int prefixRun = 0;
        for (Token t : tokens) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) continue;
            int type = t.getType();
            switch (type) {
                case LlmPolicyLexer.LPAREN, LlmPolicyLexer.LBRACK, LlmPolicyLexer.LBRACE -> depth++;
                case LlmPolicyLexer.RPAREN, LlmPolicyLexer.RBRACK, LlmPolicyLexer.RBRACE -> depth = Math.max(0, depth - 1);
                default -> { }
            }
            prefixRun = (type == LlmPolicyLexer.NOT || type == LlmPolicyLexer.MINUS) ? prefixRun + 1 : 0;
            if (depth + prefixRun > MAX_DEPTH) {
                diagnostics.error(Code.E103, source.span(t.getStartIndex(), t.getStopIndex() + 1),
                        "nesting deeper than " + MAX_DEPTH + " levels",
                        "split the expression with a const, or flatten the brackets");
                return false;
            }
        }
        return true;
    }
}
