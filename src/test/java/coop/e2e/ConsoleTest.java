package coop.e2e;

import coop.local.LocalApiServer;
import coop.testing.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the console's browser tests share: one Chromium per class, the local server with the stream poller live, and
 * Sarah's API calls (a coordinator) in a tenant of the test's own.
 */
abstract class ConsoleTest {

    static ConsoleBrowser browser;

    @Inject
    LocalApiServer server;

    final String tenant = Tokens.newTenant();
    StoryApi api;

    @BeforeAll
    static void startBrowser() {
        browser = ConsoleBrowser.launch();
    }

    /** Each test of a skipped class is reported skipped, with the reason (a class-level skip counts as no test). */
    @BeforeEach
    void browserRequired() {
        ConsoleBrowser.assumeNotSkipped();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void sarahsApi() {
        api = new StoryApi(base(), Tokens.unsigned("{\"sub\":\"sarah\",\"tenant_id\":\"" + tenant
                + "\",\"roles\":[\"coordinator\"]}"));
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }
}
