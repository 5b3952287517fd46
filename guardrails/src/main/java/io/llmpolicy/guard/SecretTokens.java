package io.llmpolicy.guard;

/**
 * Secrets recognisable by their own shape, found inside a whitespace-delimited token: provider key prefixes (AWS,
 * Google, OpenAI, Anthropic, Groq, xAI, Perplexity, Hugging Face, GitHub, GitLab, Slack, Stripe, npm), Azure AD
 * client secrets ({@code ...Q~...}), Slack webhook URLs and JWTs. A prefix must start the token or follow a
 * character that is not a letter or digit; the key must end at a character outside its alphabet. Exact shapes are
 * listed in docs/guardrails.md.
 */
final class SecretTokens {
    private static final String AWS = BuiltinDetector.AWS_ACCESS_KEY.id();
    private static final String GCP = BuiltinDetector.GCP_API_KEY.id();
    private static final String AZURE = BuiltinDetector.AZURE_KEY.id();
    private static final String OPENAI = BuiltinDetector.OPENAI_API_KEY.id();
    private static final String ANTHROPIC = BuiltinDetector.ANTHROPIC_API_KEY.id();
    private static final String GROQ = BuiltinDetector.GROQ_API_KEY.id();
    private static final String XAI = BuiltinDetector.XAI_API_KEY.id();
    private static final String PPLX = BuiltinDetector.PERPLEXITY_API_KEY.id();
    private static final String HF = BuiltinDetector.HUGGINGFACE_TOKEN.id();
    private static final String GITHUB = BuiltinDetector.GITHUB_TOKEN.id();
    private static final String GITLAB = BuiltinDetector.GITLAB_TOKEN.id();
    private static final String SLACK = BuiltinDetector.SLACK_TOKEN.id();
    private static final String SLACK_HOOK = BuiltinDetector.SLACK_WEBHOOK.id();
    private static final String STRIPE = BuiltinDetector.STRIPE_KEY.id();
    private static final String NPM = BuiltinDetector.NPM_TOKEN.id();
    private static final String JWT = BuiltinDetector.JWT.id();

    /** Character sets a key body may use. */
    private static final int ALNUM = 1;
    private static final int URLSAFE = 2;     // A-Z a-z 0-9 _ -
    private static final int UPPER32 = 3;     // A-Z 2-7
    private static final int ALNUM_UNDERSCORE = 4;
    private static final int ALNUM_DASH = 5;  // A-Z a-z 0-9 -
    private static final int LETTERS = 6;

    private SecretTokens() {}

    /**
     * Scans the token {@code [a, b)}; returns the end of the last secret found (or {@code a}). Each detector is
     * checked against {@code on}.
     */
    static int scan(ScanState s, int a, int b, boolean[] on) {
        char[] buf = s.buf;
        int last = a;
        for (int j = a; j < b - 7; j++) {
            char c = buf[j];
            if (c > 'z' || (j > a && CharClass.isAsciiAlnum(buf[j - 1]))) continue;
            int e = -1;
            String id = null;
            String label = null;
            switch (c) {
                case 'A' -> {
                    if (on(on, BuiltinDetector.AWS_ACCESS_KEY) && (starts(buf, j, b, "AKIA") || starts(buf, j, b, "ASIA")
                            || starts(buf, j, b, "ABIA") || starts(buf, j, b, "ACCA"))) {
                        e = exact(buf, j + 4, b, UPPER32, 16);
                        id = AWS;
                        label = "aws access key id";
                    } else if (on(on, BuiltinDetector.GCP_API_KEY) && starts(buf, j, b, "AIza")) {
                        e = exact(buf, j + 4, b, URLSAFE, 35);
                        id = GCP;
                        label = "google api key";
                    }
                }
                case 's' -> {
                    if (on(on, BuiltinDetector.ANTHROPIC_API_KEY) && starts(buf, j, b, "sk-ant-")) {
                        int p = j + 7;
                        while (p < b && CharClass.isAsciiLetter(buf[p])) p++;
                        if (p < b - 3 && CharClass.isDigit(buf[p]) && CharClass.isDigit(buf[p + 1]) && buf[p + 2] == '-') {
                            e = atLeast(buf, p + 3, b, URLSAFE, 32);
                        }
                        id = ANTHROPIC;
                        label = "anthropic api key";
                    } else if (on(on, BuiltinDetector.OPENAI_API_KEY) && starts(buf, j, b, "sk-")) {
                        int p = j + 3;
                        if (starts(buf, p, b, "proj-")) p += 5;
                        else if (starts(buf, p, b, "svcacct-")) p += 8;
                        else if (starts(buf, p, b, "admin-")) p += 6;
                        e = atLeast(buf, p, b, URLSAFE, 32);
                        if (e > 0 && !mixed(buf, p, e)) e = -1;
                        id = OPENAI;
                        label = "openai api key";
                    } else if (on(on, BuiltinDetector.STRIPE_KEY) && (starts(buf, j, b, "sk_live_") || starts(buf, j, b, "sk_test_"))) {
                        e = atLeast(buf, j + 8, b, ALNUM, 16);
                        id = STRIPE;
                        label = "stripe secret key";
                    }
                }
                case 'r' -> {
                    if (on(on, BuiltinDetector.STRIPE_KEY) && (starts(buf, j, b, "rk_live_") || starts(buf, j, b, "rk_test_"))) {
                        e = atLeast(buf, j + 8, b, ALNUM, 16);
                        id = STRIPE;
                        label = "stripe restricted key";
                    }
                }
                case 'w' -> {
                    if (on(on, BuiltinDetector.STRIPE_KEY) && starts(buf, j, b, "whsec_")) {
                        e = atLeast(buf, j + 6, b, ALNUM, 24);
                        id = STRIPE;
                        label = "stripe webhook secret";
                    }
                }
                case 'g' -> {
                    if (on(on, BuiltinDetector.GITHUB_TOKEN) && j + 4 < b && buf[j + 1] == 'h' && buf[j + 3] == '_'
                            && "pousr".indexOf(buf[j + 2]) >= 0) {
                        e = exact(buf, j + 4, b, ALNUM, 36);
                        id = GITHUB;
                        label = "github token";
                    } else if (on(on, BuiltinDetector.GITHUB_TOKEN) && starts(buf, j, b, "github_pat_")) {
                        e = atLeast(buf, j + 11, b, ALNUM_UNDERSCORE, 60);
                        id = GITHUB;
                        label = "github fine-grained token";
                    } else if (on(on, BuiltinDetector.GITLAB_TOKEN) && starts(buf, j, b, "glpat-")) {
                        e = atLeast(buf, j + 6, b, URLSAFE, 20);
                        id = GITLAB;
                        label = "gitlab token";
                    } else if (on(on, BuiltinDetector.GROQ_API_KEY) && starts(buf, j, b, "gsk_")) {
                        e = exact(buf, j + 4, b, ALNUM, 52);
                        id = GROQ;
                        label = "groq api key";
                    }
                }
                case 'x' -> {
                    if (on(on, BuiltinDetector.SLACK_TOKEN) && starts(buf, j, b, "xox") && j + 4 < b
                            && "baprse".indexOf(buf[j + 3]) >= 0 && buf[j + 4] == '-') {
                        e = atLeast(buf, j + 5, b, ALNUM_DASH, 10);
                        if (e > 0 && !hasDigit(buf, j + 5, e)) e = -1;
                        id = SLACK;
                        label = "slack token";
                    } else if (on(on, BuiltinDetector.XAI_API_KEY) && starts(buf, j, b, "xai-")) {
                        e = atLeast(buf, j + 4, b, ALNUM, 70);
                        id = XAI;
                        label = "xai api key";
                    }
                }
                case 'p' -> {
                    if (on(on, BuiltinDetector.PERPLEXITY_API_KEY) && starts(buf, j, b, "pplx-")) {
                        e = atLeast(buf, j + 5, b, ALNUM, 40);
                        id = PPLX;
                        label = "perplexity api key";
                    }
                }
                case 'h' -> {
                    if (on(on, BuiltinDetector.HUGGINGFACE_TOKEN) && starts(buf, j, b, "hf_")) {
                        e = exact(buf, j + 3, b, LETTERS, 34);
                        id = HF;
                        label = "hugging face token";
                    } else if (on(on, BuiltinDetector.SLACK_WEBHOOK) && starts(buf, j, b, "https://hooks.slack.com/services/")) {
                        e = slackHook(buf, j + 33, b);
                        id = SLACK_HOOK;
                        label = "slack webhook url";
                    }
                }
                case 'n' -> {
                    if (on(on, BuiltinDetector.NPM_TOKEN) && starts(buf, j, b, "npm_")) {
                        e = exact(buf, j + 4, b, ALNUM, 36);
                        id = NPM;
                        label = "npm token";
                    }
                }
                case 'e' -> {
                    if (on(on, BuiltinDetector.JWT) && starts(buf, j, b, "eyJ")) {
                        e = Jwts.end(s, j, b);
                        id = JWT;
                        label = "jwt";
                    }
                }
                default -> { }
            }
            if (e > 0) {
                s.emit(id, j, e, label);
                last = e;
                j = e - 1;
            }
        }
        if (on(on, BuiltinDetector.AZURE_KEY)) last = Math.max(last, azureClientSecret(s, a, b));
        return last;
    }

    private static boolean on(boolean[] on, BuiltinDetector d) {
        return on[d.ordinal()];
    }

    static boolean starts(char[] buf, int j, int b, String prefix) {
        if (j + prefix.length() > b) return false;
        for (int k = 0; k < prefix.length(); k++) {
            if (buf[j + k] != prefix.charAt(k)) return false;
        }
        return true;
    }

    static boolean in(char c, int set) {
        if (c >= 128) return false;
        int k = CharClass.ASCII[c];
        return switch (set) {
            case ALNUM -> (k & CharClass.ALNUM) != 0;
            case URLSAFE -> (k & CharClass.ALNUM) != 0 || c == '_' || c == '-';
            case UPPER32 -> (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
            case ALNUM_UNDERSCORE -> (k & CharClass.ALNUM) != 0 || c == '_';
            case ALNUM_DASH -> (k & CharClass.ALNUM) != 0 || c == '-';
            case LETTERS -> (k & CharClass.LETTER) != 0;
            default -> false;
        };
    }

    /** End if exactly {@code n} chars of {@code set} follow {@code p} and the next char is outside the set; else -1. */
    private static int exact(char[] buf, int p, int b, int set, int n) {
        if (p + n > b) return -1;
        for (int k = p; k < p + n; k++) {
            if (!in(buf[k], set)) return -1;
        }
        return p + n < b && in(buf[p + n], set) ? -1 : p + n;
    }

    /** End of a run of at least {@code n} chars of {@code set} from {@code p}, or -1. */
    private static int atLeast(char[] buf, int p, int b, int set, int n) {
        int e = p;
        while (e < b && in(buf[e], set)) e++;
        return e - p >= n ? e : -1;
    }

    /** Random keys mix letters and digits; an identifier like {@code sk-learn-...} usually does not. */
    private static boolean mixed(char[] buf, int a, int e) {
        boolean letter = false;
        boolean digit = false;
        for (int k = a; k < e; k++) {
            char c = buf[k];
            if (CharClass.isDigit(c)) digit = true; else if (CharClass.isAsciiLetter(c)) letter = true;
        }
        return letter && digit;
    }

    private static boolean hasDigit(char[] buf, int a, int e) {
        for (int k = a; k < e; k++) {
            if (CharClass.isDigit(buf[k])) return true;
        }
        return false;
    }

    /** {@code T.../B.../secret} after the Slack webhook prefix. */
    private static int slackHook(char[] buf, int p, int b) {
        int e = p;
        int parts = 0;
        while (parts < 3) {
            int q = e;
            while (q < b && CharClass.isAsciiAlnum(buf[q])) q++;
            if (q - e < 8) return -1;
            parts++;
            e = q;
            if (parts < 3) {
                if (e >= b || buf[e] != '/') return -1;
                e++;
            }
        }
        return e;
    }

    /** Azure AD client secrets: 3 chars, a digit, {@code Q~}, then 31-34 chars of {@code [A-Za-z0-9_~.-]}. */
    private static int azureClientSecret(ScanState s, int a, int b) {
        char[] buf = s.buf;
        int last = a;
        for (int q = a + 4; q + 33 <= b; q++) {
            if (buf[q] != 'Q' || buf[q + 1] != '~' || !CharClass.isDigit(buf[q - 1])) continue;
            int start = q - 4;
            if (start > a && azureChar(buf[start - 1])) continue;
            boolean ok = true;
            for (int k = start; k < q - 1; k++) {
                if (!azureChar(buf[k])) ok = false;
            }
            int e = q + 2;
            while (e < b && azureChar(buf[e])) e++;
            int tail = e - (q + 2);
            if (!ok || tail < 31 || tail > 34) continue;
            s.emit(AZURE, start, e, "azure ad client secret");
            last = e;
            q = e;
        }
        return last;
    }

    private static boolean azureChar(char c) {
        return CharClass.isAsciiAlnum(c) || c == '_' || c == '~' || c == '.' || c == '-';
    }
}
