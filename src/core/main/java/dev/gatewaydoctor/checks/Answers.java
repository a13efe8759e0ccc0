package dev.gatewaydoctor.checks;

import dev.gatewaydoctor.facts.Observation;

import java.util.Locale;

/** An answer as a person types it ("y", "no", "12"), read as the observation a check asks for. */
public final class Answers {

    private Answers() {
    }

    /**
     * The observation {@code name} with the answer's value.
     *
     * @param kind "yes-no", else a number is expected
     * @throws IllegalArgumentException when the answer is neither
     */
    public static Observation observation(String name, String kind, String answer) {
        String a = answer.strip().toLowerCase(Locale.ROOT);
        if ("yes-no".equals(kind)) {
            if (a.equals("y") || a.equals("yes") || a.equals("true")) return Observation.of(name, true);
            if (a.equals("n") || a.equals("no") || a.equals("false")) return Observation.of(name, false);
            throw new IllegalArgumentException("expected yes or no, found \"" + answer + "\"");
        }
        try {
            return Observation.of(name, Double.parseDouble(a));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, found \"" + answer + "\"");
        }
    }
}
