package dev.gatewaydoctor.facts;

import dev.gatewaydoctor.text.Numbers;

import java.time.Instant;

/** One measured number. Ratios are 0..1. */
public record Metric(String name, double value, String unit, Instant at) implements Fact {

    @Override
    public String describe() {
        return "metric " + name + " = " + Numbers.format(value) + (unit == null ? "" : " " + unit);
    }
}
