package coop.keys;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldCipherTest {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void a_sealed_value_opens_with_its_key_and_place() {
        byte[] key = key();
        String sealed = FieldCipher.seal(key, "\"Zyxwandersnatch\"", "t#Family#f1#1#family_name");

        assertThat(FieldCipher.isSealed(sealed)).isTrue();
        assertThat(sealed).doesNotContain("Zyxwandersnatch")
                .doesNotContain(Base64.getEncoder().encodeToString("Zyxwandersnatch".getBytes()));
        assertThat(FieldCipher.open(key, sealed, "t#Family#f1#1#family_name")).isEqualTo("\"Zyxwandersnatch\"");
    }

    @Test
    void the_same_value_seals_differently_each_time() {
        byte[] key = key();

        assertThat(FieldCipher.seal(key, "\"Ann\"", "p")).isNotEqualTo(FieldCipher.seal(key, "\"Ann\"", "p"));
    }

    @Test
    void a_value_moved_to_another_event_field_stream_or_tenant_does_not_open() {
        byte[] key = key();
        String sealed = FieldCipher.seal(key, "\"Ann\"", "t#Family#f1#2#child_name");

        for (String elsewhere : new String[]{"t#Family#f1#3#child_name", "t#Family#f1#2#parent_name",
                "t#Family#f2#2#child_name", "u#Family#f1#2#child_name"}) {
            assertThatThrownBy(() -> FieldCipher.open(key, sealed, elsewhere)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void another_key_does_not_open_it() {
        String sealed = FieldCipher.seal(key(), "12", "p");

        assertThatThrownBy(() -> FieldCipher.open(key(), sealed, "p")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void plain_text_is_not_taken_for_a_sealed_value() {
        assertThat(FieldCipher.isSealed("Ann")).isFalse();
        assertThat(FieldCipher.isSealed(12)).isFalse();
        assertThat(FieldCipher.isSealed(null)).isFalse();
    }
}
