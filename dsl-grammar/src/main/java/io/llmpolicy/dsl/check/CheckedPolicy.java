package io.llmpolicy.dsl.check;

import io.llmpolicy.dsl.ast.Decl;
import io.llmpolicy.dsl.ast.Expr;
import io.llmpolicy.dsl.ast.PolicyFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A policy that passed the checker: its files (the main file first, then imports), every declaration by name, and
 * the type of every expression. Immutable after construction; the engine compiles it into an executable plan.
 *
 * @param baseDir directory of the main file; files named by the policy (phrase lists, schemas) are relative to it
 * @param scripts limits from the policy's {@code scripts} block ({@link ScriptSettings#DEFAULTS} without one)
 */
public record CheckedPolicy(
        String name,
        String version,
        String contentHash,
        Path baseDir,
        List<PolicyFile> files,
        Map<String, Decl.Const> consts,
        Map<String, Type> attributes,
        Map<String, Decl.Attribute> declaredAttributes,
        Map<String, Decl.Model> models,
        Map<String, Decl.Function> functions,
        List<Decl.Route> routes,
        List<Decl.Budget> budgets,
        List<Decl.Guardrail> guardrails,
        List<Decl.Eval> evals,
        List<Decl.Test> tests,
        Decl.Trace trace,
        ScriptSettings scripts,
        Map<Expr, Type> types) {

    /** The checked type of an expression of this policy. */
    public Type typeOf(Expr e) {
        Type t = types.get(e);
        return t == null ? Type.ERROR : t;
    }
}
