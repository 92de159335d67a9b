package coop.local;

import coop.app.Json;
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
        HttpResponse<String> post = send("POST", "/console/");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
        assertJsonError(post, "method_not_allowed");
        assertThat(send("DELETE", "/console/index.html").statusCode()).isEqualTo(405);
    }

    @Test
    void a_missing_file_is_the_apis_json_404() throws Exception {
        HttpResponse<String> missing = get("/console/no-such-file.js");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertJsonError(missing, "not_found");
    }

    @Test
    void a_path_of_thousands_of_segments_is_answered_with_a_json_404() throws Exception {
        for (int segments : new int[]{1_000, 2_000}) {
            RawHttp answer = RawHttp.send(server.port(), "GET /console/" + "a/".repeat(segments)
                    + "index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            assertThat(answer.status()).as(segments + " segments").isEqualTo(404);
            assertThat(answer.json().path("error").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void a_path_of_100k_segments_is_refused_as_json_whether_the_server_or_the_console_meets_it() throws Exception {
        String path = "/console/" + "a/".repeat(100_000) + "index.html";

        RawHttp answer = RawHttp.send(server.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        ConsoleFiles.Served served = ConsoleFiles.serve("GET", path);

        assertThat(answer.status()).isEqualTo(414);
        assertThat(answer.json().path("error").asText()).isEqualTo("uri_too_long");
        assertThat(served.status()).isEqualTo(404);
        assertThat(new String(served.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"error\":\"not_found\"").hasSizeLessThan(1_000);
    }

    @Test
    void the_name_check_takes_plain_names_and_nothing_else() {
        assertThat(ConsoleFiles.safe("index.html")).isTrue();
        assertThat(ConsoleFiles.safe("vendor/preact-htm-standalone.module.js")).isTrue();
        assertThat(ConsoleFiles.safe("a/b_c/d-e.f.g")).isTrue();
        for (String unsafe : new String[]{"", "index", "/index.html", "js//main.js", "js/", "../x.js", "a/../x.js",
                ".hidden.js", "x..js", "x.js.", "a%2fb.js", "a\\b.js", "a b.js", "js/.x/main.js",
                "a/".repeat(150) + "x.js"}) {
            assertThat(ConsoleFiles.safe(unsafe)).as(unsafe).isFalse();
        }
    }

    private static void assertJsonError(HttpResponse<String> answer, String code) throws Exception {
        assertThat(answer.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(Json.mapper().readTree(answer.body()).path("error").asText()).isEqualTo(code);
        assertThat(Json.mapper().readTree(answer.body()).path("message").asText()).isNotBlank();
    }
}
