package io.llmpolicy.dsl.fmt;

import io.llmpolicy.dsl.ast.Expr;
import java.util.List;

/**
 * Prints expressions with the fewest parentheses that keep the same tree: {@code parse(print(e))} equals {@code e}
 * (chains of the same logical operator stay flat; a nested chain keeps its parentheses).
 */
public final class ExprPrinter {
    private static final int COALESCE = 1, OR = 2, AND = 3, NOT = 4, CMP = 5, ADD = 6, MUL = 7, UNARY = 8, ATOM = 9;

    private ExprPrinter() {}

    public static String print(Expr e) {
        StringBuilder out = new StringBuilder();
        print(e, 0, out);
        return out.toString();
    }

    private static int precedence(Expr e) {
        return switch (e) {
            case Expr.Binary b -> switch (b.op()) {
                case COALESCE -> COALESCE;
                case ADD, SUB -> ADD;
                case MUL, DIV -> MUL;
                default -> CMP;
            };
            case Expr.Logical l -> l.op() == Expr.LogicalOp.OR ? OR : AND;
            case Expr.Unary u -> u.op() == Expr.UnaryOp.NOT ? NOT : UNARY;
            case Expr.In i -> CMP;
            case Expr.Matches m -> CMP;
            default -> ATOM;
        };
    }

    private static void print(Expr e, int min, StringBuilder out) {
        boolean parens = precedence(e) < min;
        if (parens) out.append('(');
        switch (e) {
            case Expr.Str s -> out.append(quote(s.value()));
            case Expr.Num n -> out.append(n.text());
            case Expr.Quantity q -> out.append(q.text());
            case Expr.Money m -> out.append(m.text());
            case Expr.Duration d -> out.append(d.text());
            case Expr.Percent p -> out.append(p.text());
            case Expr.Bool b -> out.append(b.value());
            case Expr.Null n -> out.append("null");
            case Expr.ListLit l -> list(l.items(), out);
            case Expr.Ref r -> out.append(r.name());
            case Expr.RequestRoot r -> out.append("request");
            case Expr.Member m -> {
                print(m.target(), ATOM, out);
                out.append('.').append(m.member().text());
            }
            case Expr.Call c -> {
                out.append(c.function().text()).append('(');
                for (int i = 0; i < c.args().size(); i++) {
                    if (i > 0) out.append(", ");
                    print(c.args().get(i), 0, out);
                }
                out.append(')');
            }
            case Expr.BudgetUse b -> out.append("budget(").append(b.budget().text()).append(')');
            case Expr.Unary u -> {
                if (u.op() == Expr.UnaryOp.NOT) {
                    out.append("not ");
                    print(u.operand(), NOT, out);
                } else {
                    out.append('-');
                    print(u.operand(), UNARY, out);
                }
            }
            case Expr.Logical l -> {
                int operandMin = l.op() == Expr.LogicalOp.OR ? OR + 1 : AND + 1;
                for (int i = 0; i < l.operands().size(); i++) {
                    if (i > 0) out.append(l.op() == Expr.LogicalOp.OR ? " or " : " and ");
                    print(l.operands().get(i), operandMin, out);
                }
            }
            case Expr.In in -> {
                print(in.element(), ADD, out);
                out.append(in.negated() ? " not in " : " in ");
                print(in.collection(), ADD, out);
            }
            case Expr.Matches m -> {
                print(m.subject(), ADD, out);
                out.append(" matches ").append(m.regex().text());
            }
            case Expr.Binary b -> {
                int p = precedence(b);
                if (p == CMP) {
                    print(b.left(), ADD, out);
                    out.append(' ').append(b.op().symbol).append(' ');
                    print(b.right(), ADD, out);
                } else {
                    print(b.left(), p, out);
                    out.append(' ').append(b.op().symbol).append(' ');
                    print(b.right(), p + 1, out);
                }
            }
        }
        if (parens) out.append(')');
    }

    static void list(List<Expr> items, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) out.append(", ");
            print(items.get(i), 0, out);
        }
        out.append(']');
    }

    /** A string literal that reads back as {@code value}. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
