/**
 * Internal, not part of the API (docs/api.md): redacting visitors' data from answers. Public only because Java needs it across packages; may change at any time.
 */
package dev.gatewaydoctor.privacy;
