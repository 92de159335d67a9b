package coop.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The OS's Chromium (never a downloaded one) driven by Playwright, one per test class, with a fresh context (so a
 * fresh session storage) per identity, and numbered full-page screenshots under {@code target/console-screenshots}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("coop.test.chromium", "/usr/bin/chromium"));
    static final String SKIP = "coop.test.skip-browser";
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final Playwright playwright;
    private final Browser browser;
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    private ConsoleBrowser(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /**
     * No browser when the run asked to skip the console's tests ({@code -Dcoop.test.skip-browser=true}: each test then
     * reports itself skipped, see {@link #assumeNotSkipped()}); otherwise a
     * missing Chromium fails the class with the sentence that names it (the build's enforcer rule stops earlier).
     */
    static ConsoleBrowser launch() {
        if (Boolean.getBoolean(SKIP)) {
            return null;
        }
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("The console's browser tests need Chromium at " + CHROMIUM
                    + ": apt-get install -y chromium (.ci/run does), or -Dcoop.test.skip-browser=true to skip them");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(List.of("--disable-gpu")));
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        return new ConsoleBrowser(playwright, browser);
    }

    static void assumeNotSkipped() {
        Assumptions.assumeFalse(Boolean.getBoolean(SKIP),
                "The console's browser tests were skipped as asked (-D" + SKIP + "=true)");
    }

    /** A new tab with its own session storage, signed out, at {@code width} x {@code height}. */
    Page newPage(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();
        page.onPageError(pageErrors::add);
        return page;
    }

    /** Uncaught script errors of every page so far (a refused API call is not one: the page shows it). */
    List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    /** Signs in on the console's sign-in page with a development identity, in {@code tenant}. */
    static void signIn(Page page, String base, String tenant, String identityButton) {
        page.navigate(base + "/console/#/signin");
        page.getByLabel("Co-op (tenant)").fill(tenant);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(identityButton)).click();
    }

    /** The value cell of one field in the family page's state table. */
    static Locator stateField(Page page, String name) {
        return page.locator("table.state tr[data-field='" + name + "'] td").first();
    }

    static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
