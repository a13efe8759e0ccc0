/**
 * Internal, not part of the API (docs/api.md): ranking the checks worth making next, and what kept the runners-up down. Public only because Java needs it across packages; may change at any time.
 */
package dev.gatewaydoctor.checks;
