/**
 * Internal, not part of the API (docs/api.md): sessions, the incident's timeline, evidence, the confidence model, fix ranking. Public only because Java needs it across packages; may change at any time.
 */
package dev.gatewaydoctor.engine;
