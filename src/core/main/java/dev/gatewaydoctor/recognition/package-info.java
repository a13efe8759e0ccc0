/**
 * Internal, not part of the API (docs/api.md): log lines into typed signals; who produced an error page. Public only because Java needs it across packages; may change at any time.
 */
package dev.gatewaydoctor.recognition;
