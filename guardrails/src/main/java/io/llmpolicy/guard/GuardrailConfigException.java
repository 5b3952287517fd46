package io.llmpolicy.guard;

/** Thrown while building a {@link GuardrailSet} from configuration that cannot work; carries the {@link Problem}. */
public final class GuardrailConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final String subject;

    /**
     * @param subject what was being configured, for example {@code regex "ticket"}
     * @param problem what is wrong with it
     */
    public GuardrailConfigException(String subject, Problem problem) {
        super(subject + ": " + problem.message() + " (at offset " + problem.offset() + ")");
        this.subject = subject;
        this.problem = problem;
    }

    /** What is wrong and where. */
    public Problem problem() {
        return problem;
    }

    /** What was being configured. */
    public String subject() {
        return subject;
    }
}
