package io.llmpolicy.engine.tokens;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Counts the tokens of a tiktoken byte-pair encoding without a regular expression: a subclass splits the text into
 * pieces by hand, with exactly the semantics of the encoding's pre-tokenization pattern (leftmost match, first
 * alternative, backtracking inside an alternative), then each piece's UTF-8 bytes go through tiktoken's byte-pair
 * merge over an open-addressing table of the encoding's ranks. jtokkit, whose counts match tiktoken's, is the
 * reference the tests compare with on random and real text. Texts with an unpaired surrogate, and pieces longer
 * than {@link #MAX_PIECE_BYTES} (where the quadratic merge would be slow), return -1: the caller counts those with
 * jtokkit. Thread-safe after construction.
 */
abstract class BpeCounter {

    /** Longest piece merged here; longer ones (long runs of one symbol, say) go to jtokkit's large-piece path. */
    static final int MAX_PIECE_BYTES = 256;

    private static final int NONE = Integer.MAX_VALUE;

    /** Token bytes, one after another; token {@code r} spans {@code [offsets[r], offsets[r + 1])}. */
    private final byte[] pool;
    private final int[] offsets;
    /** Open addressing over tokens longer than {@link #SHORT} bytes: rank + 1, or 0 for an empty slot. */
    private final int[] slots;
    private final int mask;
    /**
     * Tokens of up to {@link #SHORT} bytes — most tokens, and nearly every lookup of the merge — keyed by their
     * bytes packed into a long (see {@link #pack}): {@code [key, rank]} pairs side by side, so a lookup reads one
     * cache line instead of a slot, an offset and the token's bytes. Key 0 marks an empty slot.
     */
    private final long[] shortTable;
    private final int shortMask;
    static final int SHORT = 7;

    /** The encoding's ranks, read from jtokkit's copy of the tiktoken file {@code resource}. */
    BpeCounter(String resource) {
        this(readRanks(resource));
    }

    /** A rank file's tokens: their bytes one after another, and where each starts (plus the end). */
    private record Ranks(byte[] pool, int[] offsets) {}

    private BpeCounter(Ranks ranks) {
        byte[] pool = ranks.pool();
        int[] offsets = ranks.offsets();
        this.pool = pool;
        this.offsets = offsets;
        int tokens = offsets.length - 1;
        int shortTokens = 0;
        for (int rank = 0; rank < tokens; rank++) {
            if (offsets[rank + 1] - offsets[rank] <= SHORT) {
                shortTokens++;
            }
        }
        int capacity = Integer.highestOneBit(Math.max(16, (tokens - shortTokens) * 3)) << 1;
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        int shortCapacity = Integer.highestOneBit(Math.max(16, shortTokens * 3)) << 1;
        this.shortTable = new long[2 * shortCapacity];
        this.shortMask = shortCapacity - 1;
        for (int rank = 0; rank < tokens; rank++) {
            int start = offsets[rank];
            int length = offsets[rank + 1] - start;
            if (length <= SHORT) {
                long key = pack(pool, start, length);
                int slot = shortSlot(key);
                while (shortTable[2 * slot] != 0) {
                    slot = (slot + 1) & shortMask;
                }
                shortTable[2 * slot] = key;
                shortTable[2 * slot + 1] = rank;
                continue;
            }
            int slot = hash(pool, start, length) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = rank + 1;
        }
    }

    /** 1 to {@link #SHORT} bytes as a non-zero long: the length in the top byte, the bytes below it. */
    private static long pack(byte[] b, int start, int length) {
        long key = (long) length << 56;
        for (int i = 0; i < length; i++) {
            key |= (b[start + i] & 0xFFL) << (8 * i);
        }
        return key;
    }

    private int shortSlot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & shortMask;
    }

    /** Reads a rank file jtokkit ships ({@code base64-token rank} per line, ranks 0, 1, 2, ... in order). */
    private static Ranks readRanks(String resource) {
        try (InputStream in = com.knuddels.jtokkit.Encodings.class.getResourceAsStream("/com/knuddels/jtokkit/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path (jtokkit missing?)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
            Base64.Decoder base64 = Base64.getDecoder();
            byte[] pool = new byte[1 << 21];
            int[] offsets = new int[1 << 16];
            int size = 0;
            int used = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                int space = line.indexOf(' ');
                int rank = Integer.parseInt(line, space + 1, line.length(), 10);
                if (rank != size) {
                    throw new IllegalStateException(resource + ": rank " + rank + " out of order at token " + size);
                }
                byte[] token = base64.decode(line.substring(0, space));
                if (used + token.length > pool.length) {
                    pool = Arrays.copyOf(pool, pool.length * 2);
                }
                if (size + 2 > offsets.length) {
                    offsets = Arrays.copyOf(offsets, offsets.length * 2);
                }
                System.arraycopy(token, 0, pool, used, token.length);
                offsets[size] = used;
                used += token.length;
                size++;
                offsets[size] = used;
            }
            return new Ranks(pool, Arrays.copyOf(offsets, size + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static int hash(byte[] b, int start, int length) {
        int h = length * 0x9E3779B1;
        for (int i = start, end = start + length; i < end; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 15);
    }

    /** The rank of {@code b[start, start + length)}, or {@link #NONE} when it is not a token. */
    private int rank(byte[] b, int start, int length) {
        if (length <= SHORT) {
            long key = pack(b, start, length);
            int slot = shortSlot(key);
            while (true) {
                long k = shortTable[2 * slot];
                if (k == key) {
                    return (int) shortTable[2 * slot + 1];
                }
                if (k == 0) {
                    return NONE;
                }
                slot = (slot + 1) & shortMask;
            }
        }
        int slot = hash(b, start, length) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return NONE;
            }
            int rank = entry - 1;
            int from = offsets[rank];
            if (offsets[rank + 1] - from == length && Arrays.equals(pool, from, from + length, b, start, start + length)) {
                return rank;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Per-thread scratch: the code points of a text, a piece's bytes, and the merge's parts. */
    private static final class Scratch {
        int[] points = new int[1024];
        final byte[] bytes = new byte[MAX_PIECE_BYTES];
        final int[] starts = new int[MAX_PIECE_BYTES + 1];
        final int[] ranks = new int[MAX_PIECE_BYTES + 1];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    /** Largest code point array a thread keeps between calls (256 KB). */
    private static final int RETAINED_POINTS = 1 << 16;

    /** Where the piece that starts at code point {@code p} of {@code cp[0, n)} ends. */
    abstract int nextPieceEnd(int[] cp, int n, int p);

    /** Tokens in {@code text}, or -1 when the text must be counted by jtokkit (see the class comment). */
    final int count(String text) {
        Scratch s = SCRATCH.get();
        int n = text.codePointCount(0, text.length());
        int[] cp = s.points;
        if (cp.length < n) {
            cp = new int[Math.max(n, cp.length * 2)];
            if (cp.length <= RETAINED_POINTS) {
                s.points = cp; // kept for the next call; a huge prompt's array is not kept by every thread
            }
        }
        for (int i = 0, j = 0, len = text.length(); i < len; j++) {
            int c = text.codePointAt(i);
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                return -1; // an unpaired surrogate: jtokkit's UTF-8 conversion decides what it becomes
            }
            cp[j] = c;
            i += Character.charCount(c);
        }
        int tokens = 0;
        int p = 0;
        while (p < n) {
            int end = nextPieceEnd(cp, n, p);
            int pieceTokens = countPiece(cp, p, end, s);
            if (pieceTokens < 0) {
                return -1;
            }
            tokens += pieceTokens;
            p = end;
        }
        return tokens;
    }

    private int countPiece(int[] cp, int from, int to, Scratch s) {
        byte[] b = s.bytes;
        int length = 0;
        for (int i = from; i < to; i++) {
            int c = cp[i];
            int need = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (length + need > MAX_PIECE_BYTES) {
                return -1;
            }
            if (need == 1) {
                b[length++] = (byte) c;
            } else if (need == 2) {
                b[length++] = (byte) (0xC0 | c >> 6);
                b[length++] = (byte) (0x80 | c & 0x3F);
            } else if (need == 3) {
                b[length++] = (byte) (0xE0 | c >> 12);
                b[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[length++] = (byte) (0x80 | c & 0x3F);
            } else {
                b[length++] = (byte) (0xF0 | c >> 18);
                b[length++] = (byte) (0x80 | c >> 12 & 0x3F);
                b[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
        if (rank(b, 0, length) != NONE) {
            return 1; // the whole piece is a token (tiktoken checks this before merging)
        }
        return mergeCount(b, length, s.starts, s.ranks);
    }

    /**
     * tiktoken's byte-pair merge, counting only: parts start as single bytes; repeatedly the adjacent pair whose
     * concatenation has the lowest rank (the leftmost of equals) is merged, until no pair is a token.
     */
    private int mergeCount(byte[] b, int length, int[] starts, int[] ranks) {
        int parts = length + 1; // boundaries, the last one is the end
        for (int i = 0; i < parts; i++) {
            starts[i] = i;
        }
        for (int i = 0; i + 2 < parts; i++) {
            ranks[i] = rank(b, starts[i], starts[i + 2] - starts[i]);
        }
        ranks[parts - 2] = NONE;
        ranks[parts - 1] = NONE;
        while (parts > 2) {
            int best = NONE;
            int at = -1;
            for (int i = 0; i < parts - 2; i++) {
                if (ranks[i] < best) {
                    best = ranks[i];
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            // merge parts at and at+1: drop boundary at+1
            System.arraycopy(starts, at + 2, starts, at + 1, parts - at - 2);
            System.arraycopy(ranks, at + 2, ranks, at + 1, parts - at - 2);
            parts--;
            ranks[at] = at + 2 < parts ? rank(b, starts[at], starts[at + 2] - starts[at]) : NONE;
            if (at > 0) {
                ranks[at - 1] = rank(b, starts[at - 1], starts[at + 1] - starts[at - 1]);
            }
        }
        return parts - 1;
    }

    // ---- alternatives both patterns share ----

    /** {@code \p{N}{1,3}}. */
    static int digits(int[] cp, int n, int p) {
        int e = p;
        while (e < n && e - p < 3 && isNumber(cp[e])) {
            e++;
        }
        return e > p ? e : -1;
    }

    /**
     * {@code " ?[^\s\p{L}\p{N}]+"} followed by {@code [\r\n/]*} ({@code trailingSlash}, o200k) or {@code [\r\n]*}
     * (cl100k), the optional space tried taken first. (cl100k's run is possessive, o200k's is not; nothing after
     * the run can fail, so both take the longest run.)
     */
    static int symbols(int[] cp, int n, int p, boolean trailingSlash) {
        for (int taken = 1; taken >= 0; taken--) {
            int q = p;
            if (taken == 1) {
                if (cp[p] != ' ') {
                    continue;
                }
                q = p + 1;
            }
            int e = q;
            while (e < n && !isSpace(cp[e]) && !isLetter(cp[e]) && !isNumber(cp[e])) {
                e++;
            }
            if (e == q) {
                continue;
            }
            while (e < n && (isCrLf(cp[e]) || trailingSlash && cp[e] == '/')) {
                e++;
            }
            return e;
        }
        return -1;
    }

    /**
     * The white space alternatives, the same in both patterns up to the newline one: {@code \s*[\r\n]+} (o200k) or
     * {@code \s*[\r\n]} (cl100k) — either way {@code \s*} gives back until the last newline of the run can match
     * — then {@code \s+(?!\S)} and {@code \s+}.
     */
    static int spaces(int[] cp, int n, int p) {
        int run = 0;
        int lastNewline = -1;
        while (p + run < n && isSpace(cp[p + run])) {
            if (isCrLf(cp[p + run])) {
                lastNewline = p + run;
            }
            run++;
        }
        if (run == 0) {
            return -1;
        }
        if (lastNewline >= 0) {
            return lastNewline + 1; // the newline alternative ends after the last newline of the run
        }
        int end = p + run;
        if (end == n || run == 1) {
            return end; // \s+(?!\S) at the end of the text, or \s+ for a single space before a non-space
        }
        return end - 1; // \s+(?!\S): the last space is left to begin the next piece
    }

    // ---- the character classes of the patterns, as java.util.regex defines them under UNICODE_CHARACTER_CLASS ----

    static boolean isCrLf(int c) {
        return c == '\r' || c == '\n';
    }

    static final int LETTERS = 1 << Character.UPPERCASE_LETTER | 1 << Character.LOWERCASE_LETTER
            | 1 << Character.TITLECASE_LETTER | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER;
    static final int NUMBERS = 1 << Character.DECIMAL_DIGIT_NUMBER | 1 << Character.LETTER_NUMBER
            | 1 << Character.OTHER_NUMBER;
    static final int MARKS = 1 << Character.NON_SPACING_MARK | 1 << Character.ENCLOSING_MARK
            | 1 << Character.COMBINING_SPACING_MARK;
    static final int UPPER_CLASS = 1 << Character.UPPERCASE_LETTER | 1 << Character.TITLECASE_LETTER
            | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER | MARKS;
    static final int LOWER_CLASS = 1 << Character.LOWERCASE_LETTER | 1 << Character.MODIFIER_LETTER
            | 1 << Character.OTHER_LETTER | MARKS;
    static final int SEPARATORS = 1 << Character.SPACE_SEPARATOR | 1 << Character.LINE_SEPARATOR
            | 1 << Character.PARAGRAPH_SEPARATOR;

    static boolean is(int c, int categories) {
        return (categories >>> Character.getType(c) & 1) != 0;
    }

    static boolean isLetter(int c) {
        return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : is(c, LETTERS);
    }

    static boolean isNumber(int c) {
        return c < 0x80 ? c >= '0' && c <= '9' : is(c, NUMBERS);
    }

    static boolean isUpperClass(int c) {
        return c < 0x80 ? c >= 'A' && c <= 'Z' : is(c, UPPER_CLASS);
    }

    static boolean isLowerClass(int c) {
        return c < 0x80 ? c >= 'a' && c <= 'z' : is(c, LOWER_CLASS);
    }

    /** {@code \s} under {@code UNICODE_CHARACTER_CLASS}: the White_Space property, as {@code java.util.regex} defines it. */
    static boolean isSpace(int c) {
        return c >= 0x9 && c <= 0xd || c == 0x20 || c == 0x85 || c >= 0x80 && is(c, SEPARATORS);
    }

    /**
     * Unicode case-insensitive equality with a lower-case ASCII letter, exactly as {@code java.util.regex} tests a
     * literal under {@code UNICODE_CASE}: {@code c} folds to it through upper then lower case ('S', and 'ſ' for 's').
     */
    static boolean sameIgnoringCase(int c, int lower) {
        return c == lower || Character.toLowerCase(Character.toUpperCase(c)) == lower;
    }
}
