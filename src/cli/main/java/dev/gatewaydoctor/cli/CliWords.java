package dev.gatewaydoctor.cli;

import java.util.Map;

/**
 * The library's warnings and problems give advice in the API's words (a support tool calls
 * {@code IncidentBuilder.timezone}); at the command line the same advice names the option that does it.
 */
final class CliWords {

    private static final Map<String, String> OPTIONS = Map.of(
            "WritableRules.ALLOW", "--allow-writable-rules",
            "IncidentBuilder.timezone", "--timezone");

    private CliWords() {
    }

    /** The text with each API call it names replaced by the CLI's option. */
    static String of(String text) {
        String out = text;
        for (var e : OPTIONS.entrySet()) out = out.replace(e.getKey(), e.getValue());
        return out;
    }
}
