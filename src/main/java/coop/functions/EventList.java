package coop.functions;

import coop.app.Envelope;

import java.util.List;

/** A list of envelopes, and the token of the next page (null on the last). */
record EventList(List<Envelope> events, String nextPageToken) {
}
