/**
 * Internal, not part of the API (docs/api.md): the command line. Public only because Java needs it across packages; may change at any time.
 */
package dev.gatewaydoctor.cli;
