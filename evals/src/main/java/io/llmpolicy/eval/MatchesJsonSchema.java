package io.llmpolicy.eval;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Objects;

/**
 * Passes when the whole answer is strict JSON (as for {@link IsJson}) and validates against a JSON Schema.
 *
 * <p>Validation uses networknt json-schema-validator. A schema without {@code $schema} is read as draft 2020-12;
 * a {@code $schema} keyword selects another draft the library knows. Remote {@code $ref}s are never fetched
 * (meta-schemas come from the library's class path): a policy file must not make the engine reach the network.
 */
public final class MatchesJsonSchema implements Assertion {

    /** Registry without remote fetching; thread-safe and shared. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    private static final int MAX_ERRORS_SHOWN = 3;

    private final String schemaJson;
    private final Schema schema;

    /** @throws InvalidAssertionException when {@code schemaJson} is not JSON or not a usable schema */
    public MatchesJsonSchema(String schemaJson) {
        this.schemaJson = Objects.requireNonNull(schemaJson, "schemaJson");
        String error = JsonText.strictParseError(schemaJson);
        if (error != null) throw new InvalidAssertionException("json-schema: the schema is " + error);
        try {
            this.schema = REGISTRY.getSchema(schemaJson, InputFormat.JSON);
            this.schema.initializeValidators();
        } catch (RuntimeException e) {
            throw new InvalidAssertionException("json-schema: unusable schema: " + e.getMessage(), e);
        }
    }

    public String schemaJson() {
        return schemaJson;
    }

    @Override
    public String kind() {
        return "json-schema";
    }

    @Override
    public String describe() {
        return "json-schema " + Texts.quote(schemaJson);
    }

    @Override
    public AssertionResult evaluate(EvalInput input) {
        String parseError = JsonText.strictParseError(input.output());
        if (parseError != null) return AssertionResult.check(false, parseError);
        List<Error> errors;
        try {
            errors = schema.validate(input.output(), InputFormat.JSON);
        } catch (RuntimeException e) {
            return AssertionResult.check(false, "schema validation failed: " + e.getMessage());
        }
        if (errors.isEmpty()) return AssertionResult.check(true, "output matches the schema");
        StringBuilder why = new StringBuilder().append(errors.size()).append(" schema violation")
                .append(errors.size() == 1 ? "" : "s").append(": ");
        for (int i = 0; i < Math.min(MAX_ERRORS_SHOWN, errors.size()); i++) {
            if (i > 0) why.append("; ");
            why.append(errors.get(i).toString());
        }
        if (errors.size() > MAX_ERRORS_SHOWN) why.append("; ...");
        return AssertionResult.check(false, why.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchesJsonSchema other && other.schemaJson.equals(schemaJson);
    }

    @Override
    public int hashCode() {
        return schemaJson.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
