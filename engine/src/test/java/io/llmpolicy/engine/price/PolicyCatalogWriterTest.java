package io.llmpolicy.engine.price;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.dsl.parse.PolicyParser;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyCatalogWriterTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "gpt-4o, gpt_4o",
        "claude-3.5-sonnet@2024, claude_3_5_sonnet_2024",
        "3-turbo, m_3_turbo",
        "script, m_script",
        "scripts, m_scripts",
        "trace, m_trace",
        "and, m_and",
        "matches, m_matches",
        "--, m_",
    })
    void alias_isAnIdentifierOfTheLanguage_keywordsPrefixed(String model, String alias) {
        String written = PolicyCatalogWriter.alias(model, new HashSet<>());
        assertThat(written).isEqualTo(alias);
        assertThat(PolicyParser.isIdentifier(written)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void alias_collisionsGetANumericSuffix() {
        Set<String> used = new HashSet<>();
        assertThat(PolicyCatalogWriter.alias("gpt-4o", used)).isEqualTo("gpt_4o");
        assertThat(PolicyCatalogWriter.alias("gpt.4o", used)).isEqualTo("gpt_4o_2");
    }
}
