package io.llmpolicy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The normalisation that injection matching relies on, one trick per row. */
class SkeletonTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "case folding|IGNORE|ignore",
        "fullwidth (NFKC)|ｉｇｎｏｒｅ|ignore",
        "mathematical bold (NFKC)|\uD835\uDC22\uD835\uDC20\uD835\uDC27\uD835\uDC28\uD835\uDC2B\uD835\uDC1E|ignore",
        "circled letters (NFKC)|ⓘⓖⓝⓞⓡⓔ|ignore",
        "ligature (NFKC)|ﬁlter|filter",
        "Cyrillic look-alikes|іgnоrе|ignore",
        "Greek look-alikes|ΙGΝΟRΕ|ignore",
        "small capitals|ɪɢɴᴏʀᴇ|ignore",
        "diacritics|ïgnörè|ignore",
        "zero-width and bidi controls|i\u200Bg\u200Cn\u200Do\u2060r\uFEFFe\u202E|ignore",
        "soft hyphen|ig\u00ADnore|ignore",
        "leetspeak digits|1gn0r3|ignore",
        "leetspeak symbols|!gn0r3 @ll $ecret|ignoreaiisecret",
        "spacing and punctuation|i g.n-o_r/e|ignore",
        "German sharp s|Schlüßel|schiussei"})
    void skeleton_undoesTheTrick(String trick, String text, String plain) {
        assertThat(letters(Skeleton.of(text))).as(trick).isEqualTo(letters(Skeleton.of(plain)));
    }

    private static String letters(int[] sk) {
        StringBuilder b = new StringBuilder();
        for (int v : sk) b.append((char) ('a' + v - 1));
        return b.toString();
    }
}
