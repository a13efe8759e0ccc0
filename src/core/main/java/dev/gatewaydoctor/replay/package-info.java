/**
 * Internal, not part of the API (docs/api.md): replaying samples against their expect blocks, and scoring real incidents. Public only because Java needs it across packages; may change at any time.
 */
package dev.gatewaydoctor.replay;
