package io.llmpolicy.engine.tokens;

import java.util.Locale;

/**
 * How a model's prompt is counted: one of OpenAI's public BPE encodings, or the byte-length estimate.
 */
public enum TokenEncoding {
    /** GPT-4o, GPT-4.1, GPT-4.5, GPT-5, the o-series and gpt-oss. */
    O200K_BASE,
    /** GPT-4, GPT-3.5-turbo and the text-embedding-3 / ada-002 models. */
    CL100K_BASE,
    /** Any other model: {@code ceil(UTF-8 bytes / 4)}, see {@link TokenCounter#estimate(CharSequence)}. */
    ESTIMATE;

    /**
     * The encoding for a model name as a provider or the LiteLLM table spells it. A provider prefix
     * ({@code openai/}, {@code azure/}, ...) and a date suffix are ignored; case is ignored. Unknown models, and
     * models of other vendors (Claude, Gemini, Mistral, Llama, ...) whose tokenizers are not public BPE files,
     * get {@link #ESTIMATE}.
     */
    public static TokenEncoding forModel(String model) {
        if (model == null || model.isEmpty()) {
            return ESTIMATE;
        }
        String name = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.startsWith("ft:")) {
            name = name.substring(3);
        }
        if (startsWithFamily(name, "gpt-4o") || startsWithFamily(name, "chatgpt-4o")
                || startsWithFamily(name, "gpt-4.1") || startsWithFamily(name, "gpt-4.5")
                || startsWithFamily(name, "gpt-5") || startsWithFamily(name, "gpt-oss")
                || startsWithFamily(name, "o1") || startsWithFamily(name, "o3") || startsWithFamily(name, "o4")) {
            return O200K_BASE;
        }
        if (startsWithFamily(name, "gpt-4") || startsWithFamily(name, "gpt-3.5") || startsWithFamily(name, "gpt-35")
                || startsWithFamily(name, "text-embedding-3") || startsWithFamily(name, "text-embedding-ada-002")) {
            return CL100K_BASE;
        }
        return ESTIMATE;
    }

    /** {@code name} is {@code family} itself or {@code family} followed by a separator ({@code -}, {@code .}, ...). */
    private static boolean startsWithFamily(String name, String family) {
        if (!name.startsWith(family)) {
            return false;
        }
        if (name.length() == family.length()) {
            return true;
        }
        char next = name.charAt(family.length());
        // A separator must follow, so "o1" does not claim a hypothetical "o10" and "gpt-4" never "gpt-40".
        return next == '-' || next == '.' || next == ':' || next == '_' || next == '@';
    }
}
