package dev.gatewaydoctor.engine;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.Match;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches one session: which rule inserted which conclusion, and on which facts. Rules stay plain
 * ({@code insert(new Evidence(...))}) while every conclusion is still explained by rule name and facts.
 */
final class SessionRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    record Concluded(Object conclusion, String rule, List<Object> facts) {
    }

    private Match current;
    final List<Concluded> evidence = new ArrayList<>();
    final List<Concluded> contributions = new ArrayList<>();
    final Map<String, Integer> firings = new HashMap<>();
    final Deque<String> recent = new ArrayDeque<>();

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        current = event.getMatch();
        String rule = current.getRule().getName();
        firings.merge(rule, 1, Integer::sum);
        if (recent.size() == 10) recent.removeFirst();
        recent.addLast(rule);
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        current = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() == null) return;
        Object o = event.getObject();
        if (o instanceof Evidence) evidence.add(new Concluded(o, event.getRule().getName(), matched()));
        else if (o instanceof FixContribution) contributions.add(new Concluded(o, event.getRule().getName(), matched()));
    }

    /** The facts the firing rule matched; copied only for what is recorded (rules insert other facts too). */
    private List<Object> matched() {
        return current == null ? List.of() : List.copyOf(current.getObjects());
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
    }
}
