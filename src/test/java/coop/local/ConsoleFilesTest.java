package coop.local;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The local server serves the console's files at /console/ with their content types, and nothing else. */
@QuarkusTest
class ConsoleFilesTest {

    @Inject
    LocalApiServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String rawPath) throws Exception {
        return send("GET", rawPath);
    }

    private HttpResponse<String> send(String method, String rawPath) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + rawPath))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_page_its_scripts_styles_and_configuration_are_served_with_their_content_types() throws Exception {
        HttpResponse<String> page = get("/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(page.body()).contains("<title>Co-op audit console</title>", "js/main.js");
        assertThat(get("/console/index.html").body()).isEqualTo(page.body());

        assertThat(get("/console/js/main.js").headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/console/vendor/preact-htm-standalone.module.js").statusCode()).isEqualTo(200);
        assertThat(get("/console/style.css").headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
        HttpResponse<String> config = get("/console/config.json");
        assertThat(config.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(config.body()).contains("\"development_sign_in\": true");
    }

    @Test
    void the_bare_prefix_redirects_to_the_page() throws Exception {
        HttpResponse<String> bare = get("/console");
        assertThat(bare.statusCode()).isEqualTo(308);
        assertThat(bare.headers().firstValue("location")).hasValue("/console/");
    }

    @Test
    void nothing_outside_the_console_folder_is_reachable() throws Exception {
        for (String path : new String[]{"/console/../application.properties", "/console/%2e%2e/application.properties",
                "/console/..%2fapplication.properties", "/console/js/../../application.properties",
                "/console//etc/passwd", "/console/coop/local/serialized_moto.py", "/console/vendor/README",
                "/console/.hidden.js", "/console/no-such-file.js", "/consoles", "/console%2f..%2fapplication.properties"}) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).doesNotContain("quarkus.", "import ");
        }
        assertThat(send("POST", "/console/").statusCode()).isEqualTo(405);
        assertThat(send("DELETE", "/console/index.html").statusCode()).isEqualTo(405);
    }
}
