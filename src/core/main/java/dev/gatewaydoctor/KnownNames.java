package dev.gatewaydoctor;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Every name a fact set may use that the rules in use know, for a helpdesk to build its forms from
 * (a select of observations with their questions, a list of event kinds, of fixes one may have tried).
 * Immutable; from {@link Diagnoser#vocabulary()}, in step with the rules a diagnosis uses.
 *
 * @param observations each observation a check asks for or a rule reads, with its question and the aliases people use for it
 * @param eventKinds   the kinds of event the fact-set format defines and the rules read, sorted
 * @param metrics      metric names the rules read
 * @param configs      config value names the rules read
 * @param configAliases other names of those settings (rules/settings.yaml), each with the setting it is read as;
 *                     a "*" stands for one part of a dotted name
 * @param logSources   the sources a log line may name
 * @param causes       cause ids with their titles
 * @param fixes        fix ids with their titles (a {@code tried} fact names one)
 * @param outcomes     what a {@code tried} fact may report
 * @param families     the message families log lines are read as
 */
public record KnownNames(SortedMap<String, Observation> observations, List<String> eventKinds, SortedSet<String> metrics,
                         SortedSet<String> configs, SortedMap<String, String> configAliases, SortedSet<String> logSources, Map<String, String> causes, Map<String, String> fixes,
                         List<String> outcomes, List<String> families) {

    /**
     * An observation a person can be asked for: the question, the answer kind, and other names for it.
     *
     * @param question what to ask, or null when no check asks for it yet (a rule reads it all the same)
     * @param answer   the kind of answer: yes-no, number, log; null when no check asks for it
     * @param aliases   other names people use for it, read as this one
     * @param opposites names people use for its other answer (a yes-no one): "cli-succeeds" given true is
     *                  "cli-also-crashes" answered false
     */
    public record Observation(String question, String answer, List<String> aliases, List<String> opposites) {
    }

    static KnownNames of(dev.gatewaydoctor.knowledge.Knowledge k) {
        var observations = new java.util.TreeMap<String, Observation>();
        k.checks().forEach(c -> observations.put(c.observation(), new Observation(c.question(), c.answer(), List.copyOf(c.aliases()), List.copyOf(c.opposites()))));
        // A name a rule reads counts even before a check asks for it: a fact under it reaches that rule.
        k.vocabulary().read().getOrDefault("observation", java.util.Set.of()).forEach(o -> observations.putIfAbsent(o, new Observation(null, null, List.of(), List.of())));
        var causes = new java.util.LinkedHashMap<String, String>();
        k.causes().values().forEach(c -> causes.put(c.id(), c.title()));
        var fixes = new java.util.LinkedHashMap<String, String>();
        k.fixes().forEach(f -> fixes.put(f.id(), f.title()));
        return new KnownNames(java.util.Collections.unmodifiableSortedMap(observations),
                List.copyOf(k.vocabulary().read().getOrDefault("event", java.util.Set.of())),
                java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(k.vocabulary().read().getOrDefault("metric", java.util.Set.of()))),
                java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(k.vocabulary().read().getOrDefault("config", java.util.Set.of()))),
                java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(k.vocabulary().settingAliases())),
                java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(dev.gatewaydoctor.ingest.LogSources.ALL)),
                java.util.Collections.unmodifiableMap(causes), java.util.Collections.unmodifiableMap(fixes),
                dev.gatewaydoctor.facts.Tried.OUTCOMES,
                k.recognizer().families().stream().map(dev.gatewaydoctor.recognition.Family::id).toList());
    }
}
