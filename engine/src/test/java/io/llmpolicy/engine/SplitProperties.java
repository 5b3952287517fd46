package io.llmpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Canary stickiness and split shifts, through the whole engine (policy text to decision). */
class SplitProperties {

    static PolicyEngine canary(Path dir, int percent) {
        String text = "policy \"canary\" version \"" + percent + "\"\nrequest { user: string }\n" + Policies.MODELS
                + "route r { otherwise -> split by request.user { " + percent + "% b, " + (100 - percent) + "% a } }\n";
        return Policies.engine(dir, text);
    }

    static String target(PolicyEngine e, String user) {
        return e.decide(LlmRequest.builder("id-" + user).user("x").attribute("user", user).build()).target();
    }

    @Property(tries = 30)
    void split_sameKey_alwaysSameArm(@ForAll @Size(min = 1, max = 50) List<@StringLength(min = 1, max = 20) String> users,
                                     @ForAll @IntRange(min = 1, max = 99) int percent) throws IOException {
        Path dir = Files.createTempDirectory("split");
        PolicyEngine first = canary(dir, percent);
        PolicyEngine again = canary(dir, percent);
        for (String u : users) {
            String arm = target(first, u);
            assertThat(target(first, u)).isEqualTo(arm);
            assertThat(target(again, u)).as("a new engine (restart) keeps the arm").isEqualTo(arm);
        }
    }

    @Property(tries = 20)
    void split_raisingCanaryShare_onlyMovesKeysIntoCanary(@ForAll @Size(min = 20, max = 200) List<@StringLength(min = 1, max = 12) String> users,
                                                          @ForAll @IntRange(min = 1, max = 98) int from,
                                                          @ForAll @IntRange(min = 1, max = 50) int step) throws IOException {
        int to = Math.min(99, from + step);
        Path dir = Files.createTempDirectory("split");
        PolicyEngine before = canary(dir, from);
        PolicyEngine after = canary(dir, to);
        for (String u : users) {
            if (target(before, u).equals("b")) assertThat(target(after, u)).as("canary key %s stays in the canary", u).isEqualTo("b");
        }
    }

    @Property(tries = 5)
    void split_shares_matchWeightsWithinTolerance(@ForAll @IntRange(min = 5, max = 95) int percent) throws IOException {
        PolicyEngine e = canary(Files.createTempDirectory("split"), percent);
        int n = 4000, canary = 0;
        for (int i = 0; i < n; i++) if (target(e, "user-" + i).equals("b")) canary++;
        assertThat(canary * 100.0 / n).isCloseTo(percent, org.assertj.core.data.Offset.offset(3.5));
    }
}
