/**
 * Internal, not part of the API (docs/api.md): a diagnosis as the JSON that the CLI's {@code --json} and the
 * service answer alike. Public only because Java needs it across packages; may change at any time.
 */
package dev.gatewaydoctor.report;
