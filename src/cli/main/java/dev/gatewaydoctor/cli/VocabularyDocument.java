package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.KnownNames;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The Vocabulary section that ends docs/factset.md: every name a fact set may use that the rules know,
 * rendered from {@link KnownNames} (what {@code Diagnoser.vocabulary()} gives a support tool), so that
 * the format's page and the API cannot tell two stories. {@code rules doc --vocabulary} prints it.
 */
final class VocabularyDocument {

    static final String HEADING = "## Vocabulary";
    static final String REGENERATE = "sed -i '/^" + HEADING + "$/,$d' docs/factset.md && target/gatewaydoctor/bin/gatewaydoctor rules doc --vocabulary"
            + " >> docs/factset.md";

    private VocabularyDocument() {
    }

    static String render(KnownNames names) {
        var md = new StringBuilder();
        md.append(HEADING).append("\n\n")
                .append("<!-- Generated from rules/ (Diagnoser.vocabulary()): do not edit; regenerate with\n     ").append(REGENERATE)
                .append(" -->\n\n")
                .append("The names the rules in `rules/` know. A fact under another name is accepted, weighs nothing, and the\n")
                .append("diagnosis warns about it with the closest names below; an alias is read as its observation, and a\n")
                .append("name for the other answer as its observation with the other answer (`cli-succeeds: true` is\n")
                .append("`cli-also-crashes: false`).\n\n");
        md.append("### Observations\n\n| observation | answer | question | aliases | other answer |\n|---|---|---|---|---|\n");
        names.observations().forEach((name, o) -> md.append("| `").append(name).append("` | ")
                .append(o.answer() == null ? "" : o.answer()).append(" | ")
                .append(o.question() == null ? "(no check yet)" : o.question().replace("|", "\\|")).append(" | ")
                .append(codes(o.aliases(), ", ")).append(" | ")
                .append(codes(o.opposites(), ", ")).append(" |\n"));
        section(md, "Event kinds", "an `event`'s `kind`", names.eventKinds());
        section(md, "Metrics", "a `metric`'s `name`", names.metrics());
        section(md, "Config values", "a `config`'s `name`", names.configs());
        if (!names.configAliases().isEmpty()) {
            md.append("\nOther names of these settings (`rules/settings.yaml`; a `*` stands for one part of a dotted name), each read as\n"
                    + "the setting after it:\n");
            md.append(names.configAliases().entrySet().stream().map(e -> "`" + e.getKey() + "` as `" + e.getValue() + "`")
                    .collect(Collectors.joining(", "))).append(".\n");
        }
        section(md, "Log sources", "a `log`'s `source`", names.logSources());
        section(md, "Outcomes", "a `tried` fact's `outcome`", names.outcomes());
        section(md, "Fixes", "a `tried` fact's `fix`, and `expect.fixes`", names.fixes().keySet());
        section(md, "Causes", "`expect.causes`, `expect.notCauses` and `expect.alsoProbable`", names.causes().keySet());
        md.append("\n### Message families\n\nWhat log lines are read as, whatever their `source` ([log-families.md](log-families.md)):\n")
                .append(codes(names.families().stream().sorted().toList(), ", ")).append(".\n");
        return md.toString();
    }

    private static void section(StringBuilder md, String title, String where, Collection<String> values) {
        md.append("\n### ").append(title).append("\n\nIn ").append(where).append(":\n").append(codes(values, ", ")).append(".\n");
    }

    private static String codes(Collection<String> values, String separator) {
        return values.stream().map(v -> "`" + v + "`").collect(Collectors.joining(separator));
    }
}
