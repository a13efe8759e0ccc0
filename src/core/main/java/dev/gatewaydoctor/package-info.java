/**
 * The API of GatewayDoctor (docs/api.md): {@link dev.gatewaydoctor.Diagnoser}, the entry point; {@link dev.gatewaydoctor.IncidentBuilder},
 * one incident's facts from logs, transcripts, HAR exports, fact sets and tickets; the results and the exceptions.
 * With {@code dev.gatewaydoctor.facts}, it is all a support tool uses; every other package is internal.
 */
package dev.gatewaydoctor;
