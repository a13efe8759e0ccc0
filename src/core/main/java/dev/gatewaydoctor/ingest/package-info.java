/**
 * Internal, not part of the API (docs/api.md): whole logs, curl transcripts, HAR exports and pasted tickets into facts, behind IncidentBuilder. Public only because Java needs it across packages; may change at any time.
 */
package dev.gatewaydoctor.ingest;
