package dev.gatewaydoctor.facts;

/**
 * Where a real incident came from: the public thread, and who confirmed what fixed it. Never read by
 * rules; the accuracy score uses the url to put each incident in its slice.
 *
 * @param url       the public thread
 * @param basis     who confirmed what fixed it, in a few words
 * @param retrieved when it was read, as written (a date), or null
 */
public record Provenance(String url, String basis, String retrieved) {
}
