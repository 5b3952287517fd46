package com.acme.llmpolicy;

import io.llmpolicy.plugin.FunctionSignature;
import io.llmpolicy.plugin.PolicyFunction;
import java.util.List;
import java.util.Locale;
import org.pf4j.Extension;

/**
 * {@code acme.keyword_overlap(text, keywords)}: the fraction of keywords that occur in the text, ignoring case,
 * in [0, 1]; 0 for an empty keyword list. For example
 * {@code route { when acme.keyword_overlap(request.text, ["refund", "chargeback"]) > 0 -> billing_model }}.
 *
 * <p>Pure and thread-safe: the result depends only on the arguments.
 */
@Extension
public final class KeywordOverlap implements PolicyFunction {
    private static final FunctionSignature SIGNATURE = FunctionSignature.parse(
            "acme.keyword_overlap(string, list<string>) -> number",
            "fraction of the keywords that occur in the text, ignoring case");

    @Override
    public FunctionSignature signature() {
        return SIGNATURE;
    }

    @Override
    public Object apply(List<Object> arguments) {
        String text = ((String) arguments.get(0)).toLowerCase(Locale.ROOT);
        List<?> keywords = (List<?>) arguments.get(1);
        if (keywords.isEmpty()) {
            return 0.0;
        }
        long hits = keywords.stream().filter(k -> text.contains(((String) k).toLowerCase(Locale.ROOT))).count();
        return (double) hits / keywords.size();
    }
}
