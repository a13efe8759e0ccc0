/**
 * Internal, not part of the API (docs/api.md): loading, checking, compiling, watching and documenting rules/. Public only because Java needs it across packages; may change at any time.
 */
package dev.gatewaydoctor.knowledge;
