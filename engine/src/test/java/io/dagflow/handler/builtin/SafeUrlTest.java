package io.dagflow.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SafeUrlTest {

    @Test
    void aUrlIsShownWithoutUserInfoAndWithItsQueryHidden() {
        URI uri = URI.create("https://deploy:t0ken@api.example.com:8443/v1/items?api_key=secret#top");

        assertThat(SafeUrl.of(uri)).isEqualTo("https://api.example.com:8443/v1/items?...");
    }

    @Test
    void redactRemovesCredentialsAndQueriesFromFreeText() {
        String text = "cannot reach http://deploy:t0ken@host/a?key=secret for now, why?";

        assertThat(SafeUrl.redact(text)).isEqualTo("cannot reach http://host/a?... for now, why?");
    }
}
