/**
 * The diagnosis service: the library over HTTP (docs/service.md), started by the CLI's {@code serve}.
 * Internal to the project, not part of the library's API (docs/api.md).
 */
package dev.gatewaydoctor.service;
