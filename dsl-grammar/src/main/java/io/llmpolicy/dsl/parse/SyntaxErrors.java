package io.llmpolicy.dsl.parse;

import io.llmpolicy.dsl.diag.Code;
import io.llmpolicy.dsl.diag.Diagnostics;
import io.llmpolicy.dsl.source.Source;
import io.llmpolicy.dsl.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR syntax errors into diagnostics a person can act on: the unexpected token, a short list of what
 * could stand there ("a name" instead of ninety keywords), and special help for common slips — {@code &&} for
 * {@code and}, an unterminated string, {@code matches} without a {@code /regex/}.
 */
final class SyntaxErrors extends BaseErrorListener {
    private final Source source;
    private final Diagnostics diagnostics;
    private final CommonTokenStream tokens;
    private final Set<Integer> reportedAt = new HashSet<>();
    private int count;

    SyntaxErrors(Source source, Diagnostics diagnostics, CommonTokenStream tokens) {
        this.source = source;
        this.diagnostics = diagnostics;
        this.tokens = tokens;
    }

    int count() {
        return count;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        count++;
        Token t = (Token) offendingSymbol;
        int start = t.getStartIndex();
        if (!reportedAt.add(start)) return;
        Span span = t.getType() == Token.EOF ? source.span(source.length(), source.length())
                : source.span(start, Math.max(start + 1, t.getStopIndex() + 1));
        String text = t.getType() == Token.EOF ? "end of file" : "'" + t.getText() + "'";
        switch (t.getType()) {
            case LlmPolicyLexer.C_AND, LlmPolicyLexer.C_OR, LlmPolicyLexer.C_NOT -> {
                // PolicyParser reports every foreign operator (E105) once, wherever it stands
            }
            case LlmPolicyLexer.UNTERMINATED_STRING -> diagnostics.error(Code.E101, span, "unterminated string",
                    "close the string with '\"' on the same line");
            case LlmPolicyLexer.ERROR_CHAR -> {
                Token previous = previousToken(t);
                if (previous != null && (previous.getType() == LlmPolicyLexer.MATCHES || previous.getType() == LlmPolicyLexer.REGEX_KW)) {
                    diagnostics.error(Code.E102, span, "expected a regular expression after '" + previous.getText() + "'",
                            "write it between slashes, like /ignore (all )?previous/i");
                } else {
                    diagnostics.error(Code.E100, span, "unexpected character " + text, null);
                }
            }
            default -> diagnostics.error(Code.E100, span, "unexpected " + text, expected((Parser) recognizer, e));
        }
    }

    private Token previousToken(Token t) {
        for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
            Token p = tokens.get(i);
            if (p.getChannel() == Token.DEFAULT_CHANNEL) return p;
        }
        return null;
    }

    private static String expected(Parser parser, RecognitionException e) {
        IntervalSet set;
        try {
            set = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        } catch (RuntimeException ignored) {
            return null;
        }
        if (set == null || set.isNil()) return null;
        List<String> words = new ArrayList<>();
        boolean name = set.contains(LlmPolicyLexer.ID);
        if (name) words.add("a name");
        for (int type : set.toArray()) {
            if (type == LlmPolicyLexer.ID) continue;
            if (name && isKeyword(type)) continue; // keywords that can stand as names are covered by "a name"
            String display = display(type);
            if (display != null && !words.contains(display)) words.add(display);
        }
        if (words.isEmpty()) return null;
        if (words.size() > 8) {
            return "expected one of " + String.join(", ", words.subList(0, 8)) + " (or " + (words.size() - 8) + " more)";
        }
        return "expected " + (words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1));
    }

    private static boolean isKeyword(int type) {
        String literal = LlmPolicyLexer.VOCABULARY.getLiteralName(type);
        return literal != null && Character.isLetter(literal.charAt(1));
    }

    private static String display(int type) {
        return switch (type) {
            case Token.EOF -> "end of file";
            case LlmPolicyLexer.STRING -> "a string";
            case LlmPolicyLexer.NUMBER -> "a number";
            case LlmPolicyLexer.MONEY -> "an amount like $10";
            case LlmPolicyLexer.PRICE_LIT -> "a price like $2.50/M";
            case LlmPolicyLexer.DURATION -> "a duration like 30s";
            case LlmPolicyLexer.PERCENT -> "a percentage like 10%";
            case LlmPolicyLexer.REGEX -> "a /regex/";
            case LlmPolicyLexer.C_AND, LlmPolicyLexer.C_OR, LlmPolicyLexer.C_NOT, LlmPolicyLexer.ERROR_CHAR,
                 LlmPolicyLexer.UNTERMINATED_STRING, LlmPolicyLexer.COMMENT, LlmPolicyLexer.WS -> null;
            default -> LlmPolicyLexer.VOCABULARY.getLiteralName(type);
        };
    }
}
