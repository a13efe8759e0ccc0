package dev.gatewaydoctor;

import java.util.List;

/**
 * One line of a pasted ticket and what it became, so a support agent sees what the diagnosis rests on
 * and what was left out ({@link IncidentBuilder#ticket(String, String, java.util.function.Consumer)}).
 *
 * @param number the line's number, from 1
 * @param text   the line as pasted, quote marks removed
 * @param became what it became ("log nginx-error: upstream-connect-refused", "part of the curl block above");
 *               empty when it was ignored
 */
public record TicketLine(int number, String text, List<String> became) {

    /**
     * A line as the ticket reader saw it.
     *
     * @param number the line's number, from 1
     * @param text   the line
     * @param became what it became, empty when ignored
     */
    public TicketLine {
        java.util.Objects.requireNonNull(text, "text");
        became = List.copyOf(became);
    }

    /**
     * Whether the line gave nothing.
     *
     * @return true when the line became no fact
     */
    public boolean ignored() {
        return became.isEmpty();
    }
}
