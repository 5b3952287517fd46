package io.llmpolicy.guard;

import java.util.EnumSet;
import java.util.Set;

/**
 * The detectors that ship with the library. Each one's exact semantics are in {@code docs/guardrails.md}.
 * Immutable (an enum).
 */
public enum BuiltinDetector {
    EMAIL("pii.email", Family.PII),
    PHONE("pii.phone", Family.PII),
    CREDIT_CARD("pii.credit_card", Family.PII),
    IBAN("pii.iban", Family.PII),
    SSN("pii.ssn", Family.PII),
    IPV4("pii.ipv4", Family.PII),
    IPV6("pii.ipv6", Family.PII),
    URL("pii.url", Family.PII),
    MAC("pii.mac", Family.PII),
    CRYPTO_WALLET("pii.crypto_wallet", Family.PII),
    DATE_OF_BIRTH("pii.date_of_birth", Family.PII),

    AWS_ACCESS_KEY("secret.aws_access_key", Family.SECRET),
    AWS_SECRET_KEY("secret.aws_secret_key", Family.SECRET),
    GCP_API_KEY("secret.gcp_api_key", Family.SECRET),
    AZURE_KEY("secret.azure_key", Family.SECRET),
    OPENAI_API_KEY("secret.openai_api_key", Family.SECRET),
    ANTHROPIC_API_KEY("secret.anthropic_api_key", Family.SECRET),
    GROQ_API_KEY("secret.groq_api_key", Family.SECRET),
    XAI_API_KEY("secret.xai_api_key", Family.SECRET),
    PERPLEXITY_API_KEY("secret.perplexity_api_key", Family.SECRET),
    HUGGINGFACE_TOKEN("secret.huggingface_token", Family.SECRET),
    GITHUB_TOKEN("secret.github_token", Family.SECRET),
    GITLAB_TOKEN("secret.gitlab_token", Family.SECRET),
    SLACK_TOKEN("secret.slack_token", Family.SECRET),
    SLACK_WEBHOOK("secret.slack_webhook", Family.SECRET),
    STRIPE_KEY("secret.stripe_key", Family.SECRET),
    NPM_TOKEN("secret.npm_token", Family.SECRET),
    JWT("secret.jwt", Family.SECRET),
    PRIVATE_KEY("secret.private_key", Family.SECRET),
    GENERIC_SECRET("secret.generic", Family.SECRET),

    INJECTION("injection", Family.INJECTION);

    /** Broad grouping of detectors, as policies usually enable them. */
    public enum Family { PII, SECRET, INJECTION }

    private final String id;
    private final Family family;

    BuiltinDetector(String id, Family family) {
        this.id = id;
        this.family = family;
    }

    /** The detector id that appears in findings, for example {@code pii.email}. */
    public String id() {
        return id;
    }

    /** The family this detector belongs to. */
    public Family family() {
        return family;
    }

    /** The detector with this id, or null. */
    public static BuiltinDetector byId(String id) {
        for (BuiltinDetector d : values()) {
            if (d.id.equals(id)) return d;
        }
        return null;
    }

    /** All detectors of a family. */
    public static Set<BuiltinDetector> of(Family family) {
        EnumSet<BuiltinDetector> set = EnumSet.noneOf(BuiltinDetector.class);
        for (BuiltinDetector d : values()) {
            if (d.family == family) set.add(d);
        }
        return set;
    }

    /** The default set: every PII, secret and injection detector. */
    public static Set<BuiltinDetector> defaults() {
        return EnumSet.allOf(BuiltinDetector.class);
    }
}
