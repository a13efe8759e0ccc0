package dev.gatewaydoctor.facts;

import dev.gatewaydoctor.text.Numbers;

import java.time.Instant;

/**
 * What a troubleshooting step found. {@code value} is text: "true"/"false" for yes/no answers,
 * the number or the string otherwise; {@code number} is set when the answer is a number.
 */
public record Observation(String name, String value, Double number, Instant at) implements Fact {

/**
 * A yes-or-no finding.
 *
 * @param name  the observation's name
 * @param value the answer
 * @return the observation
 */
    public static Observation of(String name, boolean value) {
        return new Observation(name, Boolean.toString(value), null, null);
    }

/**
 * A number found.
 *
 * @param name  the observation's name
 * @param value the number
 * @return the observation
 */
    public static Observation of(String name, double value) {
        return new Observation(name, Numbers.format(value), value, null);
    }

/**
 * A finding as text; a number in it is read too.
 *
 * @param name  the observation's name
 * @param value the text
 * @return the observation
 */
    public static Observation of(String name, String value) {
        return new Observation(name, value, Numbers.parseNumber(value), null);
    }

    @Override
    public String describe() {
        return "observation " + name + " = " + value;
    }
}
