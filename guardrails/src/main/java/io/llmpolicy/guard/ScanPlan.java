package io.llmpolicy.guard;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * The compiled, immutable form of a guardrail configuration, and the one loop that walks a text.
 *
 * <p>Design note. One pass, one table load per ASCII character: the class bits ({@link CharClass}) carry the
 * skeleton symbol that drives the injection/label automaton, whether the char is whitespace (token boundaries) and
 * whether it is a digit (number detectors). Everything else is event-driven and rare in prose:
 * <ul>
 *   <li>the skeleton automaton reports injection heads/tails/phrases and secret labels;</li>
 *   <li>the policy phrase automaton, when configured, steps on the same char;</li>
 *   <li>at the end of a whitespace-delimited token that looks interesting (long, or containing {@code @ : . -}
 *       with digits), the token detectors run (URL, e-mail, IP, MAC, wallets, provider keys, JWT, PEM, labelled
 *       values);</li>
 *   <li>at the first digit of a digit run, the number detectors run with a bounded look-ahead of
 *       {@link ScanState#LOOKAHEAD} chars (IBAN, card, SSN, date of birth, phone);</li>
 *   <li>at each newline, policy regexes run over the completed line (re2j, linear time).</li>
 * </ul>
 * The loop state lives in {@link ScanState}, so a stream can be fed chunk by chunk and produce exactly the findings
 * of a whole-text scan: a chunked scan only processes positions that have the full look-ahead available.
 *
 * <p>Concurrency: immutable and thread-safe; all mutable state is in the {@link ScanState} passed in.
 */
final class ScanPlan {
    /** Longest original span of an injection phrase (obfuscation included) and of a head-to-tail match. */
    static final int MAX_INJECTION_SPAN = 192;
    /** How far behind the scan position a finding reported later can still start (labels, heads, dates). */
    static final int BACK_SPAN = MAX_INJECTION_SPAN;

    /** Regexes see the text line by line; a longer line is cut into pieces of this many chars. */
    static final int REGEX_PIECE = 1024;

    private static final String INJECTION = BuiltinDetector.INJECTION.id();
    private static final int RING = 4;

    final boolean[] on;
    private final boolean injectionOn;
    private final boolean numbers;
    private final boolean tokenPii;
    private final boolean secrets;
    private final boolean labelsOn;

    private final SkeletonPatterns sk;
    private final int[] sdelta;

    final PhraseAutomaton phrases;
    private final int[] pdelta;
    private final char[] psym;
    private final String[] listNames;

    final Pattern[] regexes;
    private final String[] regexNames;

    ScanPlan(boolean[] on, PhraseAutomaton phrases, String[] listNames, Pattern[] regexes, String[] regexNames) {
        this.on = on.clone();
        this.injectionOn = on(BuiltinDetector.INJECTION);
        this.numbers = on(BuiltinDetector.IBAN) || on(BuiltinDetector.CREDIT_CARD) || on(BuiltinDetector.SSN)
                || on(BuiltinDetector.DATE_OF_BIRTH) || on(BuiltinDetector.PHONE);
        this.tokenPii = on(BuiltinDetector.URL) || on(BuiltinDetector.EMAIL) || on(BuiltinDetector.IPV4)
                || on(BuiltinDetector.IPV6) || on(BuiltinDetector.MAC) || on(BuiltinDetector.CRYPTO_WALLET);
        boolean anySecret = false;
        for (BuiltinDetector d : BuiltinDetector.of(BuiltinDetector.Family.SECRET)) anySecret |= on(d);
        this.secrets = anySecret;
        this.labelsOn = on(BuiltinDetector.GENERIC_SECRET) || on(BuiltinDetector.AWS_SECRET_KEY)
                || on(BuiltinDetector.AZURE_KEY);
        this.sk = SkeletonPatterns.get(injectionOn, labelsOn);
        this.sdelta = sk == null ? null : sk.automaton.delta;
        this.phrases = phrases;
        this.pdelta = phrases == null ? null : phrases.ac.delta;
        this.psym = phrases == null ? null : phrases.symbol;
        this.listNames = listNames;
        this.regexes = regexes;
        this.regexNames = regexNames;
    }

    private boolean on(BuiltinDetector d) {
        return on[d.ordinal()];
    }

    int templates() {
        return sk == null ? 0 : sk.templates();
    }

    /** How many chars behind the end of the buffered text a stream must hold back at least. */
    int window() {
        int back = BACK_SPAN;
        if (phrases != null) back = Math.max(back, phrases.maxLength + 1);
        return back + ScanState.LOOKAHEAD;
    }

    /** Prepares a state for a new text. */
    void start(ScanState s, Findings sink) {
        s.reset(sink);
        s.prepareHeads(templates() * RING);
    }

    /** Processes {@code s.buf[s.pos, limit)}. */
    void run(ScanState s, int limit) {
        if (sdelta == null && pdelta == null && !numbers && !tokenPii && !secrets && regexes.length == 0) {
            s.pos = Math.max(s.pos, limit);
            return;
        }
        if (sdelta == null && !numbers && !tokenPii && !secrets && regexes.length == 0) {
            runPhrases(s, limit);
            return;
        }
        final char[] buf = s.buf;
        final int[] cls = CharClass.ASCII;
        final int[] sd = sdelta;
        final int[] pd = pdelta;
        final char[] ps = psym;
        final boolean nums = numbers;
        final boolean lines = regexes.length != 0;
        int i = s.pos;
        int st = s.st;
        int pst = s.pst;
        int tok = s.tokStart;
        int tflags = s.tflags;
        int prevK = s.prevK;
        int lc = s.lc;
        for (; i < limit; i++) {
            char c = buf[i];
            int k;
            if (c < 128) {
                k = cls[c];
                int sym = k & CharClass.SYM;
                if (sym != 0 && sd != null) {
                    lc++;
                    int nx = sd[st + sym];
                    if (nx < 0) {
                        nx = ~nx;
                        s.lc = lc;
                        onSkeleton(s, nx, i, 1);
                    }
                    st = nx;
                }
            } else {
                k = CharClass.nonAscii(c);
                if (Character.isHighSurrogate(c) && i + 1 < s.end && Character.isLowSurrogate(buf[i + 1])) {
                    s.recordLowSurrogate(i + 1);
                }
                if (sd != null) {
                    s.lc = lc;
                    st = stepSlow(s, st, c, k, i);
                    lc = s.lc;
                }
            }
            if (pd != null) {
                int nx = pd[pst + ps[c]];
                if (nx < 0) {
                    nx = ~nx;
                    onPhrase(s, nx, i);
                }
                pst = nx;
            }
            if ((k & CharClass.WS) == 0) {
                if (tok < 0) tok = i;
                tflags |= k;
            } else {
                if (tok >= 0) {
                    if (s.labelKind != 0 || s.pemState != 0 || worth(tflags, i - tok)) onToken(s, tok, i, tflags);
                    tok = -1;
                    tflags = 0;
                }
                if (lines && (k & CharClass.NL) != 0) onLine(s, i, i + 1);
            }
            if (lines && i - s.lineStart >= REGEX_PIECE) onLine(s, i, i);
            if ((k & CharClass.DIGIT) != 0 && (prevK & CharClass.DIGIT) == 0 && nums && i >= s.suppressPii) {
                onDigits(s, i);
            }
            prevK = k;
        }
        s.pos = i;
        s.st = st;
        s.pst = pst;
        s.tokStart = tok;
        s.tflags = tflags;
        s.prevK = prevK;
        s.lc = lc;
    }

    /** The loop when only policy phrases are configured: two loads and a sign test per char. */
    private void runPhrases(ScanState s, int limit) {
        if (s.eof && s.pos == 0 && limit == s.end && limit >= 8 * (phrases.maxLength + 64)) {
            runPhrasesSplit(s);
            return;
        }
        final char[] buf = s.buf;
        final int[] pd = pdelta;
        final char[] ps = psym;
        int pst = s.pst;
        int i = s.pos;
        for (; i < limit; i++) {
            int nx = pd[pst + ps[buf[i]]];
            if (nx < 0) {
                nx = ~nx;
                onPhrase(s, nx, i);
            }
            pst = nx;
        }
        s.pst = pst;
        s.pos = i;
    }

    /**
     * A whole text, walked as two interleaved halves so the two automaton walks overlap in the CPU instead of one
     * dependent load per char. The second walk starts {@code maxLength - 1} chars before the midpoint, so from the
     * midpoint on its state equals the state of a single walk (an automaton state is the longest suffix of the text
     * read so far that is a prefix of some term, and no such suffix is longer than the longest term). Outputs of the
     * second walk that fall inside the interleaved stretch are queued and replayed in order after the first walk,
     * so findings come out exactly as from the sequential loop.
     */
    private void runPhrasesSplit(ScanState s) {
        final char[] buf = s.buf;
        final int[] pd = pdelta;
        final char[] ps = psym;
        final int n = s.end;
        final int mid = n >>> 1;
        final int b0 = mid - (phrases.maxLength - 1);
        int a = 0;
        int b = 0;
        s.nQueued = 0;
        for (int i = 0, j = b0; i < mid; i++, j++) {
            int na = pd[a + ps[buf[i]]];
            int nb = pd[b + ps[buf[j]]];
            if (na < 0) {
                na = ~na;
                onPhrase(s, na, i);
            }
            if (nb < 0) {
                nb = ~nb;
                if (j >= mid) s.queue(j, nb);
            }
            a = na;
            b = nb;
        }
        for (int q = 0; q < s.nQueued; q++) onPhrase(s, s.queued[2 * q + 1], s.queued[2 * q]);
        int j = b0 + mid;
        for (; j < n; j++) {
            int nb = pd[b + ps[buf[j]]];
            if (nb < 0) {
                nb = ~nb;
                onPhrase(s, nb, j);
            }
            b = nb;
        }
        s.pst = b;
        s.pos = n;
    }

    /** End of text: closes the open token, PEM block and line. Call after {@code run(s, s.end)} with eof set. */
    void finish(ScanState s) {
        int end = s.end;
        if (s.tokStart >= 0) {
            if (s.labelKind != 0 || s.pemState != 0 || worth(s.tflags, end - s.tokStart)) {
                onToken(s, s.tokStart, end, s.tflags);
            }
            s.tokStart = -1;
            s.tflags = 0;
        }
        if (s.pemState != PemBlocks.NONE) PemBlocks.finish(s);
        if (regexes.length != 0 && s.lineStart < end) onLine(s, end, end);
    }

    /** Whether a token is worth the token detectors: long, or shaped like an address or a key. */
    static boolean worth(int f, int len) {
        if (len >= 16) return true;
        if ((f & (CharClass.AT | CharClass.COLON)) != 0) return len >= 3;
        if ((f & CharClass.DIGIT) != 0 && (f & (CharClass.DOT | CharClass.DASH)) != 0) return len >= 7;
        if ((f & CharClass.DOT) != 0) return len >= 8;
        return len == 10 && (f & CharClass.DASH) != 0 && (f & CharClass.UPPER) != 0;
    }

    // ---- skeleton automaton ------------------------------------------------------------------------------------

    /** Steps the skeleton automaton over a non-ASCII char (0, 1 or 2 letters). */
    private int stepSlow(ScanState s, int st, char c, int k, int i) {
        int sym = k & CharClass.SYM;
        if ((k & CharClass.SLOW) == 0) {
            if (sym == 0) return st;
            return step(s, st, sym, i, 1);
        }
        int v = Skeleton.BMP[c];
        if (v > Skeleton.LETTERS) {
            st = step(s, st, Skeleton.PAIR_FIRST[v], i, 1);
            return step(s, st, Skeleton.PAIR_SECOND[v], i, 2);
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.end && Character.isLowSurrogate(s.buf[i + 1])) {
            int letter = Skeleton.supplementary(Character.toCodePoint(c, s.buf[i + 1]));
            if (letter != 0) return step(s, st, letter, i, 1);
        }
        return st;
    }

    private int step(ScanState s, int st, int sym, int i, int consumed) {
        s.lc++;
        int nx = sdelta[st + sym];
        if (nx < 0) {
            nx = ~nx;
            onSkeleton(s, nx, i, consumed);
        }
        return nx;
    }

    /**
     * Outputs of the skeleton automaton at char {@code i}; {@code consumed} letters of char {@code i} are in. Of all
     * injection matches ending here (whole phrases, and tails completing a head) the one starting earliest wins.
     */
    private void onSkeleton(ScanState s, int row, int i, int consumed) {
        AhoCorasick ac = sk.automaton;
        int state = ac.stateOf(row);
        int bestStart = Integer.MAX_VALUE;
        String bestCategory = null;
        boolean labelDone = false;
        for (int o = ac.outStart[state]; o < ac.outStart[state + 1]; o++) {
            int p = ac.outIds[o];
            int len = ac.patternLength[p];
            int start = -2;
            for (int r = sk.roleStart[p]; r < sk.roleStart[p + 1]; r++) {
                int role = sk.roles[r];
                int kind = role & 7;
                int tpl = role >>> 3;
                switch (kind) {
                    case SkeletonPatterns.WHOLE -> {
                        if (start == -2) start = walkBack(s, i, len, consumed);
                        if (start >= 0 && start < bestStart && wordStart(s, start)) {
                            bestStart = start;
                            bestCategory = sk.categories[tpl];
                        }
                    }
                    case SkeletonPatterns.HEAD -> {
                        if (start == -2) start = walkBack(s, i, len, consumed);
                        if (start >= 0 && wordStart(s, start)) s.pushHead(tpl * RING, RING, s.lc, s.base + start);
                    }
                    case SkeletonPatterns.TAIL -> {
                        int head = s.headEndingAt(tpl * RING, RING, s.lc - len);
                        int hs = head - s.base;
                        if (head >= 0 && hs >= 0 && hs < bestStart && i + 1 - hs <= MAX_INJECTION_SPAN) {
                            bestStart = hs;
                            bestCategory = sk.categories[tpl];
                        }
                    }
                    default -> {
                        if (labelDone) continue;
                        if (start == -2) start = walkBack(s, i, len, consumed);
                        if (start >= 0 && i + 1 - start <= len + 4 && !Character.isLetter(s.before(start))
                                && labelEnd(s.at(i + 1, s.limit(i)))) {
                            s.labelKind = kind;
                            s.labelEnd = i + 1;
                            s.labelTokens = 0;
                            labelDone = true;
                        }
                    }
                }
            }
        }
        if (bestCategory != null) emitInjection(s, bestStart, i + 1, bestCategory);
    }

    /** Char index where the last {@code len} skeleton letters (ending with char {@code i}) start, or -1. */
    private static int walkBack(ScanState s, int i, int len, int consumed) {
        int need = len - consumed;
        int j = i;
        int floor = Math.max(0, i - MAX_INJECTION_SPAN);
        while (need > 0) {
            j--;
            if (j < floor) return -1;
            need -= Skeleton.contribution(s.buf, j, s.end);
        }
        return j;
    }

    /** Whether a phrase may start at {@code j}: the code point before it is not a letter or digit. */
    private static boolean wordStart(ScanState s, int j) {
        char b = s.before(j);
        if (Character.isLowSurrogate(b) && j >= 2 && Character.isHighSurrogate(s.buf[j - 2])) {
            int cp = Character.toCodePoint(s.buf[j - 2], b);
            return !Character.isLetterOrDigit(cp) && Skeleton.supplementary(cp) == 0;
        }
        return !Character.isLetterOrDigit(b);
    }

    /**
     * A label ends before whitespace or an assignment-like separator ({@code : = " ' ` > ) ]}), never inside a
     * longer word ("passwords", "token_count", "key-value") or a value ("S3cr3t!" spells "secret").
     */
    private static boolean labelEnd(char c) {
        return CharClass.isSpace(c) || c == ':' || c == '=' || c == '"' || c == '\'' || c == '`' || c == '>'
                || c == ')' || c == ']';
    }

    private void emitInjection(ScanState s, int start, int end, String category) {
        if (!injectionOn) return;
        // A phrase matches without an end boundary ("instruction" covers "instructions"); report the whole word.
        int lim = s.limit(end - 1);
        int stop = Math.min(lim, end + 16);
        while (end < stop && Character.isLetterOrDigit(s.buf[end])) end++;
        Findings out = s.out;
        int last = s.lastInjection;
        if (last >= 0 && last < out.size() && out.rawDetector(last) == INJECTION
                && out.rawEnd(last) > s.base + start) {
            out.setRaw(last, Math.min(out.rawStart(last), s.base + start), Math.max(out.rawEnd(last), s.base + end));
            return;
        }
        s.lastInjection = s.emit(INJECTION, start, end, category);
    }

    // ---- policy phrases ----------------------------------------------------------------------------------------

    private void onPhrase(ScanState s, int row, int i) {
        AhoCorasick ac = phrases.ac;
        int state = ac.stateOf(row);
        for (int o = ac.outStart[state]; o < ac.outStart[state + 1]; o++) {
            int t = ac.outIds[o];
            int start = i + 1 - ac.patternLength[t];
            if (phrases.wordBoundary[t]
                    && (CharClass.isWord(s.before(start)) || endsInWord(s.at(i + 1, s.limit(i))))) continue;
            emitPhrase(s, start, i + 1, listNames[phrases.list[t]]);
            return;
        }
    }

    private static boolean endsInWord(char c) {
        return c == ScanState.BLOCKED || CharClass.isWord(c);
    }

    /** Longest match wins when one contains another; partial overlaps are both kept. */
    private static void emitPhrase(ScanState s, int start, int end, String list) {
        Findings out = s.out;
        int last = s.lastPhrase;
        int gs = s.base + start;
        int ge = s.base + end;
        if (last >= 0 && last < out.size() && out.rawDetector(last) == Finding.PHRASE) {
            int ls = out.rawStart(last);
            int le = out.rawEnd(last);
            if (ls <= gs && ge <= le) return;
            if (gs <= ls && le <= ge) {
                out.replace(last, Finding.PHRASE, gs, ge, list);
                return;
            }
        }
        s.lastPhrase = s.emit(Finding.PHRASE, start, end, list);
    }

    // ---- tokens ------------------------------------------------------------------------------------------------

    private void onToken(ScanState s, int a, int b, int f) {
        if (on(BuiltinDetector.PRIVATE_KEY) && (s.pemState != PemBlocks.NONE || b - a == 10)) {
            if (PemBlocks.token(s, a, b)) return;
        }
        int first = s.out.size();
        if (tokenPii && (b - a >= 16 || (f & (CharClass.AT | CharClass.COLON | CharClass.DOT | CharClass.DASH)) != 0)) {
            if (on(BuiltinDetector.URL) && (f & (CharClass.COLON | CharClass.DOT)) != 0) Urls.scan(s, a, b, first);
            if (on(BuiltinDetector.EMAIL) && (f & CharClass.AT) != 0) Emails.scan(s, a, b, first);
            if (on(BuiltinDetector.MAC) && (f & CharClass.HEX) != 0
                    && (f & (CharClass.COLON | CharClass.DASH | CharClass.DOT)) != 0) NetAddresses.scanMac(s, a, b, first);
            if (on(BuiltinDetector.IPV6) && (f & CharClass.COLON) != 0) NetAddresses.scanIpv6(s, a, b, first);
            if (on(BuiltinDetector.IPV4) && (f & CharClass.DOT) != 0 && (f & CharClass.DIGIT) != 0) {
                NetAddresses.scanIpv4(s, a, b, first);
            }
            if (on(BuiltinDetector.CRYPTO_WALLET) && b - a >= 26) Wallets.scan(s, a, b, first);
        }
        int covered = a;
        if (secrets && b - a >= 20) covered = SecretTokens.scan(s, a, b, on);
        if (s.labelKind != 0) LabelledSecrets.token(s, a, b, covered, on);
    }

    // ---- numbers -----------------------------------------------------------------------------------------------

    private void onDigits(ScanState s, int i) {
        int lim = s.limit(i);
        char[] buf = s.buf;
        int e = -1;
        if (on(BuiltinDetector.IBAN) && i >= 2 && CharClass.isUpper(buf[i - 2]) && CharClass.isUpper(buf[i - 1])
                && Bounds.left(s.before(i - 2))) {
            e = Ibans.scan(s, i - 2, lim);
        }
        if (e < 0 && on(BuiltinDetector.DATE_OF_BIRTH)) e = BirthDates.scan(s, i, lim);
        char before = s.before(i);
        if (e < 0 && Bounds.left(before)) {
            if (on(BuiltinDetector.CREDIT_CARD)) e = CreditCards.scan(s, i, lim);
            if (e < 0 && on(BuiltinDetector.SSN)) e = Ssns.scan(s, i, lim);
        }
        if (e < 0 && on(BuiltinDetector.PHONE) && (Bounds.left(before) || before == '+' || before == '(')) {
            e = Phones.scan(s, i, lim);
        }
        if (e > 0) s.suppressPii = e;
    }

    // ---- regex -------------------------------------------------------------------------------------------------

    /**
     * Runs the policy regexes over the line (or piece of a long line) {@code [s.lineStart, end)}; the next one starts
     * at {@code next}.
     */
    private void onLine(ScanState s, int end, int next) {
        int a = s.lineStart;
        s.lineStart = next;
        if (end <= a) return;
        CharSlice line = s.slice.reset(s.buf, a, end);
        for (int r = 0; r < regexes.length; r++) {
            Matcher m = regexes[r].matcher(line);
            while (m.find()) {
                if (m.end() > m.start()) s.emit(Finding.REGEX, a + m.start(), a + m.end(), regexNames[r]);
            }
        }
    }
}
