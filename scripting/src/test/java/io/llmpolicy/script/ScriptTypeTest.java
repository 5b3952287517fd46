package io.llmpolicy.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptTypeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "string | STRING", "number | NUMBER", "bool | BOOL", "tokens | NUMBER", "money | NUMBER", "duration | NUMBER",
        "list | STRING_LIST", "list<string> | STRING_LIST", "list< string > | STRING_LIST", "list<number> | NUMBER_LIST",
        "list<tokens> | NUMBER_LIST", "list<money> | NUMBER_LIST", "list<duration> | NUMBER_LIST", " String | STRING"})
    void parse_policyTypeName_mapsToScriptType(String policyType, ScriptType expected) {
        assertThat(ScriptType.parse(policyType)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "map", "list<bool>", "list<list<string>>", "object", "list<>"})
    void parse_typeThatCannotCross_isRejectedWithTheAcceptedTypes(String policyType) {
        assertThatThrownBy(() -> ScriptType.parse(policyType))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot cross into a script");
    }

    @ParameterizedTest
    @CsvSource({"STRING, string", "STRING_LIST, list<string>", "NUMBER_LIST, list<number>"})
    void policyName_isWhatPoliciesWrite(ScriptType type, String name) {
        assertThat(type.policyName()).isEqualTo(name);
        assertThat(type.toString()).isEqualTo(name);
        assertThat(ScriptType.parse(name)).isEqualTo(type);
    }
}
