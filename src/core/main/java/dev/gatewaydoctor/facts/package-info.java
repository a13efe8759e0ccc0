/**
 * The fact model, part of the API (docs/api.md): immutable records of what was observed about an incident, and the reader of fact-set documents (docs/factset.md).
 */
package dev.gatewaydoctor.facts;
