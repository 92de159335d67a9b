package coop.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static coop.e2e.ConsoleBrowser.shot;
import static coop.e2e.ConsoleBrowser.stateField;
import static coop.e2e.ConsoleBrowser.signIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Martinez story looked at in the audit console, step by step, in a real Chromium against the local
 * server with the stream live (as {@code ./mvnw quarkus:dev} runs it): events are appended through the API, as the
 * walk-through does; everything else is clicked. Screenshots of each step: {@code target/console-screenshots}.
 */
@QuarkusTest
@TestProfile(LiveStreamProfile.class)
class MartinezConsoleTest extends ConsoleTest {

    @Test
    void the_martinez_story_seen_in_the_console() throws Exception {
        Page page = browser.newPage(1280, 900);
        api.append("martinez", 0, "enrollment_abc123", null, """
                {"event_id": "martinez-enrolled", "event_type": "FamilyEnrolled",
                 "event_data": {"family_name": "Martinez", "enrollment_date": "2024-09-01", "parent_name": "Ana Martinez"}}""");
        api.append("martinez", 1, "enrollment_abc123", null, """
                {"event_id": "martinez-child-1", "event_type": "ChildAdded", "event_data": {"child_name": "Sofia", "age": 8, "grade": 3}}""");

        signIn(page, base(), tenant, "Sarah, coordinator");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Families"))).isVisible();
        page.getByLabel("Family id").fill("martinez");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open")).click();
        assertThat(stateField(page, "family_name")).containsText("Martinez");
        assertThat(page.locator(".timeline > li")).hasCount(2);
        // Lists read as tables with labelled columns, never as JSON; the fold's bookkeeping is not shown.
        Locator children = stateField(page, "children");
        assertThat(children.locator("table.items th")).hasText(new String[]{"Child name", "Age", "Grade"});
        assertThat(children.locator("tr[data-item='0'] td")).hasText(new String[]{"Sofia", "8", "3"});
        assertThat(children).not().containsText("{");
        assertThat(stateField(page, "payments")).hasText("none");
        assertThat(page.locator("table.state tr[data-field='status_before_withdrawal']")).hasCount(0);
        assertThat(page.locator("table.state tr[data-field='vacation_start_date']")).hasCount(0);
        assertThat(page.locator("details.raw-state")).hasCount(0);
        shot(page, "01-martinez-enrolled");

        api.append("martinez", 2, "fees_martinez_oct", null, """
                {"event_id": "martinez-due-1", "event_type": "PaymentDue", "event_data": {"amount": 450, "due_date": "2024-10-15"}}""");
        page.reload();
        assertThat(stateField(page, "payment_status")).containsText("due");
        Locator dues = stateField(page, "dues");
        assertThat(dues.locator("table.items th")).hasText(new String[]{"Amount", "Due date", "Outstanding", "Overdue"});
        assertThat(dues.locator("tr[data-item='0'] td")).hasText(new String[]{"450", "2024-10-15", "450", "no"});
        shot(page, "02-payment-due");

        api.append("martinez", 3, "fees_martinez_oct", "martinez-due-1", """
                {"event_id": "martinez-overdue-1", "event_type": "PaymentOverdue", "event_data": {"amount": 450, "due_date": "2024-10-15"}}""");
        api.awaitSummary("martinez", summary -> summary.path("portal_access").asText().equals("locked"));
        page.navigate(base() + "/console/#/families?status=overdue");
        assertThat(page.locator("table.families tbody tr")).hasCount(1);
        assertThat(page.locator("table.families")).containsText("martinez");
        shot(page, "03-overdue-families");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("martinez").setExact(true)).click();
        Locator lock = page.locator(".timeline > li[data-version='5']");
        assertThat(lock).containsText("PortalAccessLocked");
        assertThat(lock.locator(".who-trigger")).containsText("trigger:lock-portal-on-overdue");
        assertThat(page.locator(".timeline > li[data-version='4'] .who-person")).containsText("sarah");
        assertThat(stateField(page, "portal_access")).containsText("locked");
        shot(page, "04-trigger-lock-in-timeline");

        // By keyboard, as every control of the console can be used.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Why is portal_access locked?")).focus();
        page.keyboard().press("Enter");
        Locator why = page.locator("section.why");
        assertThat(why.locator(".chain > li")).hasCount(3);
        assertThat(why.locator(".chain > li").nth(0)).containsText("PortalAccessLocked");
        assertThat(why.locator(".chain > li").nth(0)).containsText("trigger:lock-portal-on-overdue");
        assertThat(why.locator(".chain > li").nth(1)).containsText("PaymentOverdue");
        assertThat(why.locator(".chain > li").nth(2)).containsText("root cause");
        shot(page, "05-why-is-the-portal-locked");

        page.getByLabel(Pattern.compile("^Version")).fill("3");
        page.waitForURL(Pattern.compile(".*#/family/martinez/v/3$"));
        assertThat(page.locator("#state-title")).hasText("State at version 3 of 5");
        assertThat(stateField(page, "payment_status")).containsText("due");
        Locator changed = page.locator("table.diff tr[data-field='payment_status']");
        assertThat(changed.locator(".before")).hasText("none");
        assertThat(changed.locator(".after")).hasText("due");
        shot(page, "06-time-travel-to-version-3");
        page.getByLabel(Pattern.compile("^Version")).press("ArrowLeft");
        page.waitForURL(Pattern.compile(".*#/family/martinez/v/2$"));
        assertThat(page.locator("#state-title")).hasText("State at version 2 of 5");
        assertThat(stateField(page, "payment_status")).containsText("none");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Now").setExact(true)).click();
        assertThat(page.locator("#state-title")).hasText("State now (version 5)");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Simulate")).click();
        assertThat(page.locator(".whatif .result")).containsText("payment_status paid, portal_access locked");
        shot(page, "07-what-if-the-payment-came");
        page.getByLabel("Events (as an append takes them)").fill("""
                [{"event_type": "FamilyEnrolled", "event_data": {"family_name": "Again", "enrollment_date": "2024-09-01"}}]""");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Simulate")).click();
        assertThat(page.locator(".whatif .error")).containsText("422 rule_violation");
        assertThat(page.locator(".whatif .error")).containsText("events[0] (FamilyEnrolled)");
        shot(page, "08-what-if-breaks-a-rule");
        assertThat(api.get("/aggregates/Family/martinez").path("aggregate_version").asLong()).isEqualTo(5);

        api.append("martinez", 5, "payment_martinez_oct", null, """
                {"event_id": "martinez-paid-1", "event_type": "PaymentReceived", "event_version": 2,
                 "event_data": {"amount": 450, "date": "2024-10-20", "payment_method": "credit_card"}}""");
        api.awaitSummary("martinez", summary -> summary.path("portal_access").asText().equals("active"));
        page.reload();
        Locator restore = page.locator(".timeline > li[data-version='7']");
        assertThat(restore).containsText("PortalAccessRestored");
        assertThat(restore.locator(".who-trigger")).containsText("trigger:restore-portal-on-payment");
        assertThat(stateField(page, "portal_access")).containsText("active");
        assertThat(stateField(page, "payment_status")).containsText("paid");
        Locator payments = stateField(page, "payments");
        assertThat(payments.locator("table.items th")).hasText(new String[]{"Amount", "Date", "Payment method"});
        assertThat(payments.locator("tr[data-item='0'] td")).hasText(new String[]{"450", "2024-10-20", "credit_card"});
        assertThat(stateField(page, "dues")).hasText("none");
        shot(page, "09-paid-and-unlocked");

        page.locator(".timeline > li[data-version='5']").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Show envelope")).click();
        assertThat(page.locator(".timeline > li[data-version='5'] pre.json")).containsText("\"causation_id\": \"martinez-overdue-1\"");
        page.locator(".timeline > li[data-version='5']").getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("martinez-overdue-1")).click();
        page.waitForURL(Pattern.compile(".*#/event/martinez-overdue-1$"));
        assertThat(page.locator("dl.facts")).containsText("martinez-due-1");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("fees_martinez_oct")).click();
        assertThat(page.locator("table.correlation tbody tr")).hasCount(3);
        shot(page, "10-the-fees-correlation");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Operations")).click();
        assertThat(page.locator("tr[data-projection='family-summary']")).containsText("projection");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rebuild family-summary"))).hasCount(0);
        shot(page, "11-operations-as-coordinator");
        assertThat(browser.pageErrors()).isEmpty();
        page.context().close();
    }
}
