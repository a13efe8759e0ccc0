/**
 * Internal, not part of the API (docs/api.md): sizes, numbers, upstream addresses and positions in JSON or YAML, as people and servers write them. Public only because Java needs it across packages; may change at any time.
 */
package dev.gatewaydoctor.text;
