package io.llmpolicy.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tests behind regression verdicts, against values computed by hand, exact closed forms, and standard tables
 * (the reference values were cross-checked with SciPy 1.17: scipy.stats.norm, t, fisher_exact, ttest_ind).
 */
class SignificanceTest {

    @ParameterizedTest(name = "Phi({0}) = {1}")
    @CsvSource(textBlock = """
            0,                 0.5
            1.959963984540054, 0.975
            -1,                0.15865525393145707
            3,                 0.9986501019683699
            -8,                6.22096057427174e-16
            """)
    void normalCdf_matchesTables(double x, double expected) {
        assertThat(Distributions.normalCdf(x)).isCloseTo(expected, within(Math.max(1e-12, expected * 1e-9)));
    }

    @ParameterizedTest(name = "P(T_{1} <= {0}) = {2}")
    @CsvSource(textBlock = """
            -1,      1,   0.25
            0.5,     2,   0.6666666666666666
            -2.228,  10,  0.02500588590855566
            1.812,   10,  0.9499623689670764
            -3.5,    7.3, 0.004671569264242777
            0,       5,   0.5
            """)
    void studentTCdf_matchesClosedFormsAndTables(double t, double df, double expected) {
        // df = 1 is Cauchy: P(T <= -1) = 1/4 exactly; df = 2: P(T <= t) = 1/2 + t / (2 sqrt(2 + t^2)), 2/3 at 0.5;
        // df = 10: t = 2.228 is the two-sided 5% critical value, 1.812 the one-sided 5% value in standard tables
        assertThat(Distributions.studentTCdf(t, df)).isCloseTo(expected, within(1e-10));
    }

    @Test
    void lnGamma_atIntegers_isLogFactorial() {
        assertThat(Distributions.lnGamma(1)).isCloseTo(0, within(1e-13));
        assertThat(Distributions.lnGamma(6)).isCloseTo(Math.log(120), within(1e-12));
        assertThat(Distributions.lnGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-12));
        assertThat(Distributions.lnFactorial(170)).isCloseTo(706.5730622457874, within(1e-9));
    }

    @Test
    void zTest_handComputed() {
        // baseline 60/100, current 45/100; pooled p = 105/200 = 0.525
        // se = sqrt(0.525 * 0.475 * (1/100 + 1/100)) = sqrt(0.0049875) = 0.0706222...
        // z = (0.45 - 0.60) / 0.0706222 = -2.12398; one-sided p = Phi(-2.12398) = 0.016836
        TestResult r = ProportionTest.zTest(60, 100, 45, 100);
        assertThat(r.method()).isEqualTo(TestResult.Method.Z_TEST);
        assertThat(r.statistic()).isCloseTo(-2.1239769762143657, within(1e-12));
        assertThat(r.pValue()).isCloseTo(0.016836034428172927, within(1e-12));
        assertThat(r.significantAt(0.05)).isTrue();
        assertThat(r.significantAt(0.01)).isFalse();
    }

    @Test
    void fisher_ladyTastingTea_isSeventeenSeventieths() {
        // 8 cups, 4 with milk first; current 1 of 4 passes, baseline 3 of 4:
        // P(X <= 1) = [C(4,0)C(4,4) + C(4,1)C(4,3)] / C(8,4) = (1 + 16) / 70
        TestResult r = ProportionTest.fisherExact(3, 4, 1, 4);
        assertThat(r.method()).isEqualTo(TestResult.Method.FISHER_EXACT);
        assertThat(r.pValue()).isCloseTo(17.0 / 70.0, within(1e-12));
    }

    @Test
    void fisher_textbookTable() {
        // current 1 of 10 pass, baseline 11 of 14 (the 2x2 example of Wikipedia's "Fisher's exact test")
        assertThat(ProportionTest.fisherExact(11, 14, 1, 10).pValue()).isCloseTo(0.0013797280926100418, within(1e-12));
    }

    @Test
    void lower_choosesFisherBelowCochransRule_andZTestAbove() {
        assertThat(ProportionTest.lower(3, 4, 1, 4).method()).isEqualTo(TestResult.Method.FISHER_EXACT);
        // 100 + 100 records at pooled 0.525: every expected count is about 47 or more
        assertThat(ProportionTest.lower(60, 100, 45, 100).method()).isEqualTo(TestResult.Method.Z_TEST);
        // large n but rare failures: expected failures 1000 * 0.002 = 2 < 5
        assertThat(ProportionTest.lower(999, 1000, 997, 1000).method()).isEqualTo(TestResult.Method.FISHER_EXACT);
    }

    @Test
    void proportionTests_withoutData_areNotApplicable() {
        assertThat(ProportionTest.lower(0, 0, 1, 2).pValue()).isNaN();
        assertThat(ProportionTest.lower(0, 0, 1, 2).significantAt(0.05)).isFalse();
    }

    @Test
    void anImprovement_isNeverSignificantAsADrop() {
        assertThat(ProportionTest.lower(45, 100, 60, 100).pValue()).isGreaterThan(0.9);
        assertThat(ProportionTest.lower(1, 4, 3, 4).pValue()).isGreaterThan(0.5);
    }

    @Test
    void welch_matchesHandComputedSummaryStatistics() {
        // baseline 0.9 0.8 0.85 0.95 0.7 0.9: mean 0.85, s^2 0.008, n 6
        // current  0.6 0.75 0.7 0.8 0.65:     mean 0.70, s^2 0.00625, n 5
        // t = -0.15 / sqrt(0.008/6 + 0.00625/5) = -0.15 / sqrt(0.0025833) = -2.951216
        // nu = 0.0025833^2 / ((0.00125)^2/4 + (0.0013333)^2/5) = 8.9437
        TestResult r = WelchTest.lower(0.85, 0.008, 6, 0.70, 0.00625, 5);
        assertThat(r.statistic()).isCloseTo(-2.95121626102779, within(1e-9));
        assertThat(r.degreesOfFreedom()).isCloseTo(8.943694741740345, within(1e-9));
        assertThat(r.pValue()).isCloseTo(0.008148654769794629, within(1e-9));
    }

    @Test
    void welch_edgeCases() {
        assertThat(WelchTest.lower(0.9, 0.01, 1, 0.5, 0.01, 10).method()).isEqualTo(TestResult.Method.NONE);
        assertThat(WelchTest.lower(1.0, 0.0, 10, 0.5, 0.0, 10).pValue()).isZero();
        assertThat(WelchTest.lower(0.5, 0.0, 10, 0.5, 0.0, 10).pValue()).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "Wilson({0}/{1})")
    @CsvSource(textBlock = """
            18,  20,  0.6989663547715128, 0.9721335187862319
            0,   10,  0.0,                0.2775327998628892
            10,  10,  0.7224672001371107, 1.0
            81,  263, 0.2552885198782742, 0.36620957698280004
            """)
    void wilson_matchesFormula(long k, long n, double lo, double hi) {
        // computed from centre (p + z^2/2n)/(1 + z^2/n) and half-width z/(1 + z^2/n) sqrt(p(1-p)/n + z^2/4n^2)
        Interval i = Wilson.interval95(k, n);
        assertThat(i.lower()).isCloseTo(lo, within(1e-12));
        assertThat(i.upper()).isCloseTo(hi, within(1e-12));
        assertThat(Wilson.interval95(0, 0)).isEqualTo(Interval.UNDEFINED);
    }
}
