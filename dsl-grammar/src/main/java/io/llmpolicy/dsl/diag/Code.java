package io.llmpolicy.dsl.diag;

/**
 * Stable diagnostic codes. Scripts and editors match on them, so a code is never reused for another meaning.
 * E1xx: syntax; E2xx: names; E3xx: types and units; E4xx: rule semantics; W5xx: warnings.
 * docs/language.md lists every code with an example; a golden test exists for each.
 */
public enum Code {
    E100("syntax error"),
    E101("unterminated string"),
    E102("expected a regular expression literal"),
    E103("nesting too deep"),
    E104("invalid literal"),
    E105("operator from another language"),
    E106("too many errors"),
    E200("unknown name"),
    E201("duplicate definition"),
    E202("unknown model"),
    E203("unknown request attribute"),
    E204("unknown function"),
    E205("import not found"),
    E206("import cycle"),
    E207("unknown rule"),
    E208("unknown error class"),
    E209("unknown detector kind"),
    E210("not available here"),
    E211("unknown type"),
    E300("type mismatch"),
    E301("unit mismatch"),
    E302("wrong number of arguments"),
    E303("condition is not a bool"),
    E400("split weights do not sum to 100%"),
    E401("invalid regular expression"),
    E402("regular expression needs backtracking"),
    E403("invalid guardrail statement"),
    E404("percentage out of range"),
    E405("invalid budget setting"),
    E406("invalid setting"),
    E407("script error"),
    W500("unreachable rule", Severity.WARNING),
    W501("shadowed condition", Severity.WARNING),
    W502("unused definition", Severity.WARNING),
    W503("model without a price", Severity.WARNING),
    W504("missing policy header", Severity.WARNING);

    private final String title;
    private final Severity severity;

    Code(String title) {
        this(title, Severity.ERROR);
    }

    Code(String title, Severity severity) {
        this.title = title;
        this.severity = severity;
    }

    public String title() { return title; }
    public Severity severity() { return severity; }
}
