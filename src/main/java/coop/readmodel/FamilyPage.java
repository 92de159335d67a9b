package coop.readmodel;

import java.util.List;
import java.util.Optional;

/** {@code GET /families?payment_status=}: {@code {"families": [...], "next_page_token": "..." | null}}. */
public record FamilyPage(List<FamilySummary> families, Optional<String> nextPageToken) {

    public FamilyPage {
        families = List.copyOf(families);
    }
}
