package io.llmpolicy.dsl.fmt;

import io.llmpolicy.dsl.ast.Comment;
import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.dsl.ast.Decl.*;
import io.llmpolicy.dsl.ast.Expr;
import io.llmpolicy.dsl.ast.Name;
import io.llmpolicy.dsl.ast.PolicyFile;
import io.llmpolicy.dsl.source.Source;
import io.llmpolicy.dsl.source.Span;
import java.util.List;
import java.util.Locale;

/**
 * The canonical layout of a policy: two-space indents, one statement per line, one blank line between block
 * declarations, single blank lines inside blocks kept where the author put them. Comments are kept: a comment on
 * its own line stays before the statement that follows it, a comment at the end of a line stays there; a comment
 * in the middle of a multi-line expression moves before that statement. {@code format(parse(format(x)))} equals
 * {@code format(x)}, and the AST is unchanged.
 */
public final class Formatter {
    private static final String INDENT = "  ";
    private static final int OBJECT_WIDTH = 100;

    private final Source source;
    private final List<Comment> comments;
    private final StringBuilder out = new StringBuilder();
    private int nextComment;

    private Formatter(Source source, PolicyFile file) {
        this.source = source;
        this.comments = file.comments();
    }

    /** Formats a parsed file; {@code source} is the text it was parsed from (for comments and blank lines). */
    public static String format(PolicyFile file, Source source) {
        Formatter f = new Formatter(source, file);
        f.file(file);
        return f.out.toString();
    }

    private void file(PolicyFile file) {
        int lastEndLine = -1;
        boolean lastWasBlock = false;
        if (file.header() != null) {
            leading(file.header().span(), "", false);
            line("", "policy " + ExprPrinter.quote(file.header().name())
                    + (file.header().version() == null ? "" : " version " + ExprPrinter.quote(file.header().version())), file.header().span());
            lastEndLine = file.header().span().endLine();
            lastWasBlock = true; // always a blank line after the header
        }
        for (PolicyFile.Import imp : file.imports()) {
            separate(lastEndLine, imp.span(), lastWasBlock && lastEndLine > 0);
            leading(imp.span(), "", false);
            line("", "import " + ExprPrinter.quote(imp.path()), imp.span());
            lastEndLine = imp.span().endLine();
            lastWasBlock = false;
        }
        boolean afterImports = !file.imports().isEmpty();
        for (Decl d : file.decls()) {
            boolean block = isBlock(d);
            separate(lastEndLine, d.span(), lastEndLine > 0 && (block || lastWasBlock || afterImports));
            afterImports = false;
            decl(d);
            lastEndLine = d.span().endLine();
            lastWasBlock = block;
        }
        if (nextComment < comments.size() && lastEndLine > 0) separate(lastEndLine, comments.get(nextComment).span(), false);
        while (nextComment < comments.size()) out.append(comments.get(nextComment++).text().stripTrailing()).append('\n');
    }

    private static boolean isBlock(Decl d) {
        return !(d instanceof Const || d instanceof Model || d instanceof Function);
    }

    /** Blank line before the next item when forced or when the source had one. */
    private void separate(int previousEndLine, Span next, boolean force) {
        if (previousEndLine < 0 || out.isEmpty()) return;
        int firstLine = nextComment < comments.size() && comments.get(nextComment).span().start() < next.start()
                ? comments.get(nextComment).span().line() : next.line();
        if (force || hadBlank(previousEndLine, firstLine)) out.append('\n');
    }

    private boolean hadBlank(int afterLine, int beforeLine) {
        for (int l = afterLine + 1; l < beforeLine; l++) if (source.line(l).isBlank()) return true;
        return false;
    }

    /** Emits comments that stand before {@code span}, keeping single blank lines between them and after them. */
    private void leading(Span span, String indent, boolean inside) {
        int previousLine = -1;
        while (nextComment < comments.size() && comments.get(nextComment).span().start() < span.start()) {
            Comment c = comments.get(nextComment++);
            if (previousLine > 0 && !inside && hadBlank(previousLine, c.span().line())) out.append('\n');
            out.append(indent).append(c.text().stripTrailing()).append('\n');
            previousLine = c.span().line();
        }
        if (previousLine > 0 && !inside && span.line() > 0 && hadBlank(previousLine, span.line())) out.append('\n');
    }

    /** Emits comments inside {@code span} (moved out of expressions) before the statement. */
    private void inner(Span span, String indent) {
        leading(new Span(span.file(), span.end(), span.end(), 0, 0, 0, 0), indent, true);
    }

    /** Writes one line, then a trailing comment that stood on the same source line as the span's end. */
    private void line(String indent, String text, Span span) {
        out.append(indent).append(text);
        trailing(span.endLine());
        out.append('\n');
    }

    private void trailing(int sourceLine) {
        if (nextComment < comments.size() && comments.get(nextComment).span().line() == sourceLine) {
            out.append("  ").append(comments.get(nextComment++).text().stripTrailing());
        }
    }

    private void open(String text, Span declSpan, Span firstInside) {
        out.append(text).append(" {");
        int limit = firstInside == null ? declSpan.end() : firstInside.start();
        if (nextComment < comments.size() && comments.get(nextComment).span().line() == declSpan.line()
                && comments.get(nextComment).span().start() < limit) {
            out.append("  ").append(comments.get(nextComment++).text().stripTrailing());
        }
        out.append('\n');
    }

    private void close(Span declSpan) {
        leading(new Span(declSpan.file(), declSpan.end(), declSpan.end(), declSpan.endLine(), 0, 0, 0), INDENT, false);
        out.append("}");
        trailing(declSpan.endLine());
        out.append('\n');
    }

    private void statements(List<? extends Object> stmts, java.util.function.Function<Object, Span> spanOf,
                            java.util.function.Consumer<Object> print) {
        int lastEnd = -1;
        for (Object s : stmts) {
            Span span = spanOf.apply(s);
            if (lastEnd > 0) {
                int firstLine = nextComment < comments.size() && comments.get(nextComment).span().start() < span.start()
                        ? comments.get(nextComment).span().line() : span.line();
                if (hadBlank(lastEnd, firstLine)) out.append('\n');
            }
            leading(span, INDENT, false);
            inner(span, INDENT);
            print.accept(s);
            lastEnd = span.endLine();
        }
    }

    private void decl(Decl d) {
        leading(d.span(), "", false);
        switch (d) {
            case Const c -> {
                inner(c.span(), "");
                line("", "const " + c.name().text() + (c.type() == null ? "" : ": " + c.type().text()) + " = " + expr(c.value()), c.span());
            }
            case Model m -> {
                inner(m.span(), "");
                StringBuilder s = new StringBuilder("model " + m.alias().text() + " = " + m.provider().text() + " " + ExprPrinter.quote(m.providerModel()));
                for (ModelClause c : m.clauses()) s.append(' ').append(clause(c));
                line("", s.toString(), m.span());
            }
            case Function f -> {
                inner(f.span(), "");
                StringBuilder s = new StringBuilder("function " + f.name().text() + "(");
                for (int i = 0; i < f.params().size(); i++) {
                    if (i > 0) s.append(", ");
                    s.append(f.params().get(i).name().text()).append(": ").append(f.params().get(i).type().text());
                }
                s.append(") -> ").append(f.returns().text());
                if (f.plugin() != null) s.append(" from plugin ").append(ExprPrinter.quote(f.plugin()));
                else if (f.script().file() != null) s.append(" from script ").append(ExprPrinter.quote(f.script().file()));
                else s.append(" script \"\"\"").append(f.script().code()).append("\"\"\"");
                line("", s.toString(), f.span());
            }
            case RequestSchema r -> {
                open("request", r.span(), r.attributes().isEmpty() ? null : r.attributes().get(0).span());
                statements(r.attributes(), s -> ((Attribute) s).span(), s -> {
                    Attribute a = (Attribute) s;
                    line(INDENT, a.name().text() + ": " + a.type().text() + (a.defaultValue() == null ? "" : " = " + expr(a.defaultValue())), a.span());
                });
                close(r.span());
            }
            case Decl.Scripts x -> {
                open("scripts", x.span(), x.settings().isEmpty() ? null : x.settings().get(0).span());
                statements(x.settings(), s -> ((ScriptSetting) s).span(), s -> {
                    ScriptSetting st = (ScriptSetting) s;
                    line(INDENT, st.name().text() + " " + expr(st.value()), st.span());
                });
                close(x.span());
            }
            case Decl.Trace t -> {
                open("trace", t.span(), t.statements().isEmpty() ? null : t.statements().get(0).span());
                statements(t.statements(), s -> ((TraceStmt) s).span(), s -> {
                    switch ((TraceStmt) s) {
                        case TraceStore st -> line(INDENT, "store " + st.what().text() + " as " + st.how().text(), st.span());
                        case TraceInclude in -> line(INDENT, "include " + exprs(in.values()), in.span());
                    }
                });
                close(t.span());
            }
            case Route r -> {
                open("route " + r.name().text() + mods(r.mods()), r.span(), r.statements().isEmpty() ? null : r.statements().get(0).span());
                statements(r.statements(), s -> ((RouteStmt) s).span(), s -> line(INDENT, routeStmt((RouteStmt) s), ((RouteStmt) s).span()));
                close(r.span());
            }
            case Budget b -> {
                String scope = b.scope().isEmpty() ? "" : " by " + exprs(b.scope());
                open("budget " + b.name().text() + scope + mods(b.mods()), b.span(), b.statements().isEmpty() ? null : b.statements().get(0).span());
                statements(b.statements(), s -> ((BudgetStmt) s).span(), s -> line(INDENT, budgetStmt((BudgetStmt) s), ((BudgetStmt) s).span()));
                close(b.span());
            }
            case Guardrail g -> {
                open("guardrail " + g.name().text() + " on " + g.phase().text() + mods(g.mods()), g.span(),
                        g.statements().isEmpty() ? null : g.statements().get(0).span());
                statements(g.statements(), s -> ((GuardStmt) s).span(), s -> line(INDENT, guardStmt((GuardStmt) s), ((GuardStmt) s).span()));
                close(g.span());
            }
            case Eval e -> {
                open("eval " + e.name().text() + (e.sample() == null ? "" : " sample " + e.sample().text()) + mods(e.mods()), e.span(),
                        e.statements().isEmpty() ? null : e.statements().get(0).span());
                statements(e.statements(), s -> ((EvalStmt) s).span(), s -> line(INDENT, evalStmt((EvalStmt) s), ((EvalStmt) s).span()));
                close(e.span());
            }
            case Test t -> {
                open("test " + ExprPrinter.quote(t.name()), t.span(), t.statements().isEmpty() ? null : t.statements().get(0).span());
                statements(t.statements(), s -> ((TestStmt) s).span(), s -> testStmt((TestStmt) s));
                close(t.span());
            }
        }
    }

    private static String clause(ModelClause c) {
        return switch (c) {
            case PriceClause p -> {
                StringBuilder s = new StringBuilder("price");
                for (PriceItem i : p.items()) s.append(' ').append(i.kind().name().toLowerCase(Locale.ROOT)).append(' ').append(i.text());
                yield s.toString();
            }
            case ContextClause x -> "context " + expr(x.tokens());
            case MaxOutputClause x -> "max_output " + expr(x.tokens());
            case TagsClause t -> {
                StringBuilder s = new StringBuilder("tags ");
                ExprPrinter.list(t.tags(), s);
                yield s.toString();
            }
            case EncodingClause e -> "encoding " + ExprPrinter.quote(e.encoding());
        };
    }

    private static String mods(RuleMods mods) {
        return (mods.when() == null ? "" : " when " + expr(mods.when())) + (mods.monitor() ? " monitor" : "");
    }

    private static String routeStmt(RouteStmt s) {
        return switch (s) {
            case RouteWhen w -> "when " + expr(w.condition()) + " -> " + target(w.target());
            case RouteOtherwise o -> "otherwise -> " + target(o.target());
            case Fallback f -> "fallback " + names(f.chain(), " -> ") + " on " + names(f.errorClasses(), ", ")
                    + (f.retry() == null ? "" : " retry " + f.retry().text()) + (f.cooldown() == null ? "" : " cooldown " + f.cooldown().text());
            case Downgrade g -> "downgrade " + g.from().text() + " -> " + g.to().text() + " when " + expr(g.condition());
        };
    }

    private static String target(Target t) {
        return switch (t) {
            case ModelTarget m -> m.model().text();
            case Split s -> {
                StringBuilder b = new StringBuilder("split");
                if (s.by() != null) b.append(" by ").append(expr(s.by()));
                b.append(" { ");
                for (int i = 0; i < s.arms().size(); i++) {
                    if (i > 0) b.append(", ");
                    b.append(s.arms().get(i).weight().text()).append(' ').append(s.arms().get(i).model().text());
                }
                yield b.append(" }").toString();
            }
            case Choose c -> (c.strategy() == Strategy.LOWEST_COST ? "lowest_cost" : "least_latency") + " [" + names(c.models(), ", ") + "]";
        };
    }

    private static String budgetStmt(BudgetStmt s) {
        return switch (s) {
            case Limit l -> "limit " + expr(l.amount()) + " per " + switch (l.window()) {
                case CalendarWindow c -> c.unit().text();
                case RollingWindow r -> "rolling " + r.length().text();
            };
            case AlertAt a -> "alert at " + String.join(", ", a.thresholds().stream().map(Expr.Percent::text).toList());
            case OnExceeded o -> "on exceeded " + switch (o.action()) {
                case Deny d -> "deny" + (d.reason() == null ? "" : " " + ExprPrinter.quote(d.reason()));
                case DowngradeTo t -> "downgrade to " + t.model().text();
                case MonitorOnly m -> "monitor";
            };
            case Timezone z -> "timezone " + ExprPrinter.quote(z.zone());
            case Estimate e -> "estimate " + e.what().text() + " " + expr(e.amount());
        };
    }

    private static String guardStmt(GuardStmt s) {
        StringBuilder b = new StringBuilder(s.verb().name().toLowerCase(Locale.ROOT)).append(' ');
        switch (s.check()) {
            case WhenCheck w -> b.append("when ").append(expr(w.condition()));
            case PiiCheck p -> b.append("pii").append(p.kinds().isEmpty() ? "" : " [" + names(p.kinds(), ", ") + "]");
            case SecretsCheck x -> b.append("secrets").append(x.kinds().isEmpty() ? "" : " [" + names(x.kinds(), ", ") + "]");
            case InjectionCheck i -> b.append("injection");
            case PhrasesCheck p -> {
                b.append("phrases ");
                if (p.file() != null) b.append("from ").append(ExprPrinter.quote(p.file()));
                else ExprPrinter.list(p.phrases(), b);
            }
            case RegexCheck r -> b.append("regex ").append(r.regex().text());
            case SizeCheck z -> b.append("size > ").append(expr(z.amount()));
            case JsonCheck j -> b.append("invalid json").append(j.schemaFile() == null ? "" : " schema " + ExprPrinter.quote(j.schemaFile()));
            case PluginCheck p -> b.append("detector ").append(ExprPrinter.quote(p.detector()));
        }
        if (s.redactAs() != null) b.append(" as ").append(s.redactAs().text());
        if (s.reason() != null) b.append(' ').append(ExprPrinter.quote(s.reason()));
        return b.toString();
    }

    private static String evalStmt(EvalStmt s) {
        return switch (s) {
            case Assert a -> "assert " + (a.label() == null ? "" : ExprPrinter.quote(a.label()) + ": ") + expr(a.condition());
            case Score sc -> "score " + sc.name().text() + " using " + ExprPrinter.quote(sc.scorer());
            case EvalAlert a -> "alert when " + expr(a.condition()) + " over " + a.window().text();
            case Regression r -> "regression max_drop " + r.maxDrop().text() + (r.alpha() == null ? "" : " alpha " + r.alpha().text());
        };
    }

    private void testStmt(TestStmt s) {
        switch (s) {
            case TestRequest r -> object("request", r.fields(), r.span());
            case TestResponse r -> object("response", r.fields(), r.span());
            case Given g -> line(INDENT, "given budget " + g.budget().text() + " spent " + expr(g.spent()), g.span());
            case Expect x -> line(INDENT, "expect " + expectation(x.expectation()), x.span());
        }
    }

    private void object(String keyword, List<Field> fields, Span span) {
        StringBuilder one = new StringBuilder(keyword).append(" {");
        for (int i = 0; i < fields.size(); i++) {
            one.append(i == 0 ? " " : ", ").append(fields.get(i).key().text()).append(": ").append(expr(fields.get(i).value()));
        }
        one.append(fields.isEmpty() ? "}" : " }");
        if (INDENT.length() + one.length() <= OBJECT_WIDTH) {
            line(INDENT, one.toString(), span);
            return;
        }
        out.append(INDENT).append(keyword).append(" {\n");
        for (Field f : fields) out.append(INDENT).append(INDENT).append(f.key().text()).append(": ").append(expr(f.value())).append('\n');
        line(INDENT, "}", span);
    }

    private static String expectation(Expectation x) {
        return switch (x) {
            case ExpectAllow a -> "allow";
            case ExpectDeny d -> "deny" + (d.reason() == null ? "" : " " + ExprPrinter.quote(d.reason()));
            case ExpectRoute r -> "route " + r.model().text();
            case ExpectFallbacks f -> "fallbacks [" + names(f.models(), ", ") + "]";
            case ExpectRule r -> "rule " + r.rule().text();
            case ExpectFinding f -> "finding " + f.detector();
            case ExpectNoFindings n -> "no findings";
            case ExpectBudget b -> "budget " + b.budget().text() + " " + b.state().text();
            case ExpectEval e -> "eval " + e.eval().text() + " " + e.outcome().text();
            case ExpectRedacted r -> "redacted " + ExprPrinter.quote(r.text());
        };
    }

    private static String expr(Expr e) {
        return ExprPrinter.print(e);
    }

    private static String exprs(List<Expr> list) {
        return String.join(", ", list.stream().map(ExprPrinter::print).toList());
    }

    private static String names(List<Name> names, String sep) {
        return String.join(sep, names.stream().map(Name::text).toList());
    }

}
