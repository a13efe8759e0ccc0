package dev.gatewaydoctor.facts;

import java.time.Instant;

/**
 * One observation about an incident, as the fact-set format (v1) defines it.
 * Every fact can describe itself in one line, so that an explanation can quote the evidence.
 */
public sealed interface Fact permits HttpResponse, LogLine, Metric, ConfigValue, Event, Observation, Tried {

    /**
     * When it was observed.
     *
     * @return the time, or null when nobody said
     */
    Instant at();

    /**
     * One line for explanations: what was seen, in the words of the source.
     *
     * @return the description
     */
    String describe();
}
