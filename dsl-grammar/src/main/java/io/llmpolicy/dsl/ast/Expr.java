package io.llmpolicy.dsl.ast;

import io.llmpolicy.dsl.source.Span;
import java.math.BigDecimal;
import java.util.List;

/** Expressions. Literals keep their source text so the formatter writes them back as the author wrote them. */
public sealed interface Expr {
    Span span();

    record Str(Span span, String value) implements Expr {}

    /** A plain number; {@code 128k} is 128000. */
    record Num(Span span, BigDecimal value, String text) implements Expr {}

    /** A count with a unit: {@code 100k tokens}, {@code 60 requests}. */
    record Quantity(Span span, BigDecimal value, QuantityUnit unit, String text) implements Expr {}

    /** {@code $2.50} in US dollars. */
    record Money(Span span, BigDecimal usd, String text) implements Expr {}

    /** {@code 30s}, {@code 500ms}, {@code 1h}, {@code 7d}, {@code 2w}. */
    record Duration(Span span, java.time.Duration value, String text) implements Expr {}

    /** {@code 5%}; {@code value} is 5. */
    record Percent(Span span, BigDecimal value, String text) implements Expr {}

    record Bool(Span span, boolean value) implements Expr {}

    record Null(Span span) implements Expr {}

    record ListLit(Span span, List<Expr> items) implements Expr {}

    /** A constant, model alias or context value ({@code prompt}, {@code output}, ...). */
    record Ref(Span span, String name) implements Expr {}

    /** The bare word {@code request}; only valid as the target of a member access. */
    record RequestRoot(Span span) implements Expr {}

    record Member(Span span, Expr target, Name member) implements Expr {}

    record Call(Span span, Name function, List<Expr> args) implements Expr {}

    /** {@code budget(name)}: the share of the budget used for this request's key, as a percentage. */
    record BudgetUse(Span span, Name budget) implements Expr {}

    record Unary(Span span, UnaryOp op, Expr operand) implements Expr {}

    record Binary(Span span, BinaryOp op, Expr left, Expr right) implements Expr {}

    /** {@code a and b and c}: chains are flat, so long conditions never nest deeply. */
    record Logical(Span span, LogicalOp op, List<Expr> operands) implements Expr {}

    record In(Span span, Expr element, Expr collection, boolean negated) implements Expr {}

    record Matches(Span span, Expr subject, Regex regex) implements Expr {}

    /** A regular expression literal {@code /pattern/flags}. */
    record Regex(Span span, String pattern, String flags) {
        public String text() {
            return "/" + pattern + "/" + flags;
        }
    }

    enum QuantityUnit { TOKENS, REQUESTS }

    enum UnaryOp { NOT, NEGATE }

    enum LogicalOp { AND, OR }

    enum BinaryOp {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
        ADD("+"), SUB("-"), MUL("*"), DIV("/"),
        CONTAINS("contains"), ICONTAINS("icontains"), STARTS_WITH("startsWith"), ENDS_WITH("endsWith"),
        COALESCE("??");

        public final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }
    }
}
