package io.llmpolicy.guard.output;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.llmpolicy.guard.Finding;
import io.llmpolicy.guard.GuardrailConfigException;
import io.llmpolicy.guard.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * JSON Schema validation of an output (networknt json-schema-validator; draft 2020-12 unless the schema declares
 * {@code $schema}). Remote {@code $ref}s are never fetched: a schema must be self-contained. An output that is not
 * JSON yields the {@link JsonCheck} finding; each schema violation yields one {@link Finding#JSON_SCHEMA} finding
 * spanning the whole output, labelled with the instance location and the failed keyword (never the value).
 *
 * <p>Immutable and thread-safe once built.
 */
public final class JsonSchemaCheck {
    private final Schema schema;

    private JsonSchemaCheck(Schema schema) {
        this.schema = schema;
    }

    /**
     * Compiles a schema.
     *
     * @throws GuardrailConfigException when the schema is not valid JSON or not a usable schema
     */
    public static JsonSchemaCheck compile(String schemaJson) {
        Optional<Finding> json = JsonCheck.check(schemaJson);
        if (json.isPresent()) {
            throw new GuardrailConfigException("json schema", new Problem("schema is not valid JSON: "
                    + json.get().label(), schemaJson.offsetByCodePoints(0, json.get().start())));
        }
        try {
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));
            Schema schema = registry.getSchema(schemaJson, InputFormat.JSON);
            schema.initializeValidators();
            return new JsonSchemaCheck(schema);
        } catch (SchemaException | JacksonException | IllegalArgumentException | IllegalStateException e) {
            throw new GuardrailConfigException("json schema", new Problem("unusable schema: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), 0));
        }
    }

    /** Findings for {@code output}: empty when it is valid JSON that conforms to the schema. */
    public List<Finding> check(String output) {
        Optional<Finding> json = JsonCheck.check(output);
        if (json.isPresent()) return List.of(json.get());
        int length = output.codePointCount(0, output.length());
        List<Error> errors = schema.validate(output, InputFormat.JSON);
        List<Finding> out = new ArrayList<>(errors.size());
        for (Error e : errors) {
            String keyword = e.getKeyword() == null ? "schema" : e.getKeyword();
            out.add(new Finding(Finding.JSON_SCHEMA, 0, length, e.getInstanceLocation() + " fails '" + keyword + "'"));
        }
        return List.copyOf(out);
    }
}
