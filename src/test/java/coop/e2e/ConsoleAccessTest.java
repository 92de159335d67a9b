package coop.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static coop.e2e.ConsoleBrowser.shot;
import static coop.e2e.ConsoleBrowser.stateField;
import static coop.e2e.ConsoleBrowser.signIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees and does what in the audit console, in a real Chromium against the local server with the stream live:
 * a family that cannot see another family, an admin's revert with its preview, and an operator's rebuild with its
 * progress (a co-op's admin may not rebuild: a rebuild covers every co-op).
 * Screenshots of each step: {@code target/console-screenshots}.
 */
@QuarkusTest
@TestProfile(LiveStreamProfile.class)
class ConsoleAccessTest extends ConsoleTest {

    @Test
    void a_family_sees_its_own_family_and_not_another() throws Exception {
        api.append("chen", 0, "chen-enrolment", null, """
                {"event_type": "FamilyEnrolled", "event_data": {"family_name": "Chen", "enrollment_date": "2024-09-01"}}""");
        api.append("lopez", 0, "lopez-enrolment", null, """
                {"event_type": "FamilyEnrolled", "event_data": {"family_name": "Lopez", "enrollment_date": "2024-09-01"}}""");
        api.append("chen", 1, "chen-enrolment", null, """
                {"event_type": "ChildAdded", "event_data": {"child_name": "Mei Chen-Whitaker", "age": 11, "grade": 6}}""");
        Page page = browser.newPage(390, 844);
        page.navigate(base() + "/console/#/signin");
        page.getByLabel("Co-op (tenant)").fill(tenant);
        page.getByLabel("Family id").fill("chen");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("A parent of this family")).click();

        page.waitForURL(Pattern.compile(".*#/family/chen$"));
        assertThat(stateField(page, "family_name")).containsText("Chen");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Families"))).hasCount(0);
        assertThat(page.locator(".whatif")).hasCount(0);
        assertThat(page.locator(".timeline > li")).hasCount(2);
        assertThat(stateField(page, "children").locator("tr[data-item='0'] td"))
                .hasText(new String[]{"Mei Chen-Whitaker", "11", "6"});
        assertThat(page.locator("details.raw-state")).hasCount(0);
        // Event and correlation pages query across families, which a family may not: their ids are plain text.
        assertThat(page.locator(".timeline > li").first()).containsText("chen-enrolment");
        assertThat(page.locator(".timeline a", new Page.LocatorOptions().setHasText("chen-enrolment"))).hasCount(0);
        shot(page, "12-a-family-sees-itself-on-a-phone");

        page.navigate(base() + "/console/#/family/lopez");
        assertThat(page.locator("[role=alert]")).containsText("403 forbidden");
        assertThat(page.locator("table.state")).hasCount(0);
        shot(page, "13-a-family-cannot-see-another");
        page.navigate(base() + "/console/#/families?status=due");
        assertThat(page.locator("[role=alert]")).containsText("403 forbidden");
        assertThat(browser.pageErrors()).isEmpty();
        page.context().close();
    }

    @Test
    void internal_fields_are_hidden_from_a_coordinator_and_in_the_raw_state_for_an_auditor() throws Exception {
        api.append("ortiz", 0, "ortiz-enrolment", null, """
                {"event_type": "FamilyEnrolled", "event_data": {"family_name": "Ortiz", "enrollment_date": "2024-09-01"}}""");
        api.append("ortiz", 1, "ortiz-vacation", null, """
                {"event_type": "VacationStarted", "event_data": {"start_date": "2024-12-20", "expected_return": "2025-01-06"}}""");
        api.append("ortiz", 2, "ortiz-withdrawal", null, """
                {"event_type": "FamilyWithdrawn", "event_data": {"withdrawal_date": "2024-12-28"}}""");
        assertThat(api.get("/aggregates/Family/ortiz").path("state").path("vacation_start_date").asText())
                .as("the API still carries the field").isEqualTo("2024-12-20");

        Page coordinator = browser.newPage(1280, 900);
        signIn(coordinator, base(), tenant, "Sarah, coordinator");
        coordinator.navigate(base() + "/console/#/family/ortiz");
        assertThat(stateField(coordinator, "status")).hasText("withdrawn");
        assertThat(coordinator.locator("table.state")).not().containsText("status_before_withdrawal");
        assertThat(coordinator.locator("table.state")).not().containsText("vacation_start_date");
        assertThat(coordinator.locator("table.state")).not().containsText("2024-12-20");
        assertThat(coordinator.locator("table.diff tr[data-field='status']")).hasCount(1);
        assertThat(coordinator.locator("table.diff tr[data-field='status_before_withdrawal']")).hasCount(0);
        assertThat(coordinator.locator("details.raw-state")).hasCount(0);
        shot(coordinator, "27-a-coordinator-sees-no-internal-fields");
        coordinator.context().close();

        Page auditor = browser.newPage(1280, 900);
        signIn(auditor, base(), tenant, "Audrey, auditor");
        auditor.navigate(base() + "/console/#/family/ortiz");
        assertThat(stateField(auditor, "status")).hasText("withdrawn");
        assertThat(auditor.locator("table.state tr[data-field='vacation_start_date']")).hasCount(0);
        auditor.locator("details.raw-state summary").click();
        Locator raw = auditor.locator("details.raw-state pre.json");
        assertThat(raw).containsText("\"vacation_start_date\": \"2024-12-20\"");
        assertThat(raw).containsText("\"status_before_withdrawal\": \"on_vacation\"");
        shot(auditor, "20-an-auditor-opens-the-raw-state");
        assertThat(browser.pageErrors()).isEmpty();
        auditor.context().close();
    }

    @Test
    void an_admin_previews_a_revert_then_confirms_it() throws Exception {
        api.append("ames", 0, "ames-enrolment", null, """
                {"event_type": "FamilyEnrolled", "event_data": {"family_name": "Ames", "enrollment_date": "2024-09-01"}}""");
        api.append("baker", 0, "baker-enrolment", null, """
                {"event_type": "FamilyEnrolled", "event_data": {"family_name": "Baker", "enrollment_date": "2024-09-01"}}""");
        api.append("ames", 1, "withdrawal-oops", null, """
                {"event_id": "ames-child", "event_type": "ChildAdded", "event_data": {"child_name": "Zoe"}}""");
        for (String family : new String[]{"ames", "baker"}) {
            long version = family.equals("ames") ? 2 : 1;
            api.append(family, version, "withdrawal-oops", null, """
                    {"event_type": "FamilyWithdrawn", "event_data": {"withdrawal_date": "2024-11-01"}}""");
        }
        Page page = browser.newPage(1280, 900);
        signIn(page, base(), tenant, "Root, admin");
        page.navigate(base() + "/console/#/correlation/withdrawal-oops");
        assertThat(page.locator("table.correlation tbody tr")).hasCount(3);
        shot(page, "14-a-mistaken-correlation");

        page.getByLabel("Reason").fill("Administrative error");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview the revert")).click();
        Locator wouldAppend = page.locator("table.would-append tbody tr");
        assertThat(wouldAppend).hasCount(2);
        assertThat(wouldAppend.nth(0)).containsText("FamilyWithdrawalReversed");
        assertThat(page.locator("ul.skipped")).containsText("ames-child");
        shot(page, "15-the-revert-previewed");
        assertThat(api.get("/aggregates/Family/ames").path("aggregate_version").asLong()).isEqualTo(3);
        assertThat(api.get("/aggregates/Family/baker").path("state").path("status").asText()).isEqualTo("withdrawn");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm: append 2 event(s)")).click();
        assertThat(page.locator(".revert .ok")).containsText("Reverted: 2 compensating event(s), 1 skipped");
        shot(page, "16-the-revert-confirmed");
        assertThat(api.get("/aggregates/Family/ames").path("state").path("status").asText()).isEqualTo("enrolled");
        assertThat(api.get("/aggregates/Family/baker").path("state").path("status").asText()).isEqualTo("enrolled");

        // A rebuild covers every co-op: the co-op's admin sees no button, and is told who runs rebuilds.
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Operations")).click();
        assertThat(page.locator(".rebuilds-note")).containsText("operators");
        assertThat(page.locator("tr[data-projection='family-summary']")).containsText("projection");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rebuild family-summary")))
                .hasCount(0);
        shot(page, "17-operations-as-a-co-op-admin");
        // While the operators rebuild, the co-op's callers see the status, without the platform's figures.
        page.route("**/projections", route -> route.fulfill(new Route.FulfillOptions().setStatus(200)
                .setContentType("application/json").setBody("""
                        {"projections": [{"projection_name": "family-summary", "handler_type": "projection",
                          "status": "rebuilding", "rebuild": null, "error_count": 0}]}""")));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Refresh")).click();
        assertThat(page.locator("tr[data-projection='family-summary'] .status-rebuilding")).hasText("rebuilding");
        assertThat(page.locator("tr[data-projection='family-summary'] progress")).hasCount(0);
        assertThat(browser.pageErrors()).isEmpty();
        page.context().close();
    }

    @Test
    void an_operator_rebuilds_a_projection_and_follows_its_progress() {
        Page page = browser.newPage(1280, 900);
        signIn(page, base(), tenant, "Olga, platform operator");
        page.waitForURL(Pattern.compile(".*#/operations$"));
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Families"))).hasCount(0);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rebuild family-summary")).click();
        assertThat(page.locator("tr[data-projection='family-summary'] .ok")).containsText("Rebuilt");
        assertThat(page.locator("tr[data-projection='family-summary'] progress")).hasAttribute("value", "100");
        shot(page, "18-operations-rebuild-by-an-operator");
        // Operators do not read a co-op's events: the last events are no links into them.
        assertThat(page.locator("table.projections a")).hasCount(0);

        // A local rebuild of a few families ends before a listing can show it half-way, so the browser is handed
        // the API's answers of a longer one: 202, then "rebuilding" with its progress, then "running".
        AtomicInteger listings = new AtomicInteger();
        page.route("**/projections/family-summary/rebuild", route -> route.fulfill(new Route.FulfillOptions()
                .setStatus(202).setContentType("application/json")
                .setBody("{\"rebuild_id\": \"r-1\", \"projection_name\": \"family-summary\", \"status\": \"rebuilding\"}")));
        page.route("**/projections", route -> {
            int listing = listings.incrementAndGet();
            route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json").setBody("""
                    {"projections": [{"projection_name": "family-summary", "handler_type": "projection", "status": "%s",
                      "rebuild": {"rebuild_id": "r-1", "segments_done": %d, "total_segments": 4, "events_done": %d,
                      "events_total": 100}, "error_count": 0}]}""".formatted(
                    listing < 3 ? "rebuilding" : "running", Math.min(listing, 2) * 2, Math.min(listing, 2) * 40)));
        });
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rebuild family-summary")).click();
        assertThat(page.locator("tr[data-projection='family-summary'] progress")).hasAttribute("value", "80");
        assertThat(page.locator("tr[data-projection='family-summary'] .status-rebuilding")).hasText("rebuilding");
        shot(page, "19-operations-rebuild-in-progress");
        assertThat(page.locator("tr[data-projection='family-summary'] .ok")).containsText("Rebuilt.");
        assertThat(page.locator("tr[data-projection='family-summary'] progress")).hasAttribute("value", "100");
        assertThat(browser.pageErrors()).isEmpty();
        page.context().close();
    }
}
