package io.llmpolicy.dsl.diag;

/** How bad a diagnostic is: an error makes a policy unusable, a warning does not. */
public enum Severity {
    ERROR, WARNING;

    public String label() {
        return this == ERROR ? "error" : "warning";
    }
}
