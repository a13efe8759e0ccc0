package dev.gatewaydoctor.engine;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.facts.Fact;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.knowledge.Fix;
import dev.gatewaydoctor.knowledge.Knowledge;
import dev.gatewaydoctor.recognition.LogSignal;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.time.SessionPseudoClock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * All the knowledge's rules, on everything a diagnosis gives them, in a bare session: the facts, their
 * signals, the timeline's facts, the causes and what each fix treats, fired; then the causes' hypotheses,
 * fired again for the fix rules. What is left out is what the engine adds around the rules: recognising
 * the lines, deriving the timeline, recording the explanation, tallying and ranking. Everything here is
 * computed once, before measuring.
 */
public final class BareKnowledgeSession {

    private final Knowledge knowledge;
    private final KieSessionConfiguration configuration;
    private final List<Object> facts = new ArrayList<>();
    private final List<Object> hypotheses = new ArrayList<>();
    private final Instant end;

    public BareKnowledgeSession(Diagnoser doctor, FactSet factSet) {
        knowledge = DiagnoserAccess.knowledge(doctor);
        configuration = KieServices.Factory.get().newKieSessionConfiguration();
        configuration.setOption(ClockTypeOption.PSEUDO);
        var signals = new ArrayList<LogSignal>();
        for (Fact f : factSet.facts()) if (f instanceof LogLine line) signals.addAll(knowledge.recognizer().recognize(line));
        Timeline.Derived time = Timeline.derive(factSet.facts(), signals, null);
        end = time.end();
        facts.add(factSet.site());
        facts.addAll(factSet.facts());
        for (Fix f : knowledge.fixes()) f.treats().forEach((cause, efficacy) -> facts.add(new Treatment(f.id(), cause, efficacy, f.inVainFor().contains(cause))));
        facts.addAll(knowledge.causes().values());
        facts.addAll(signals);
        facts.addAll(time.facts());
        doctor.diagnose(factSet).causes().forEach(c -> hypotheses.add(new Hypothesis(c.id(), c.confidence(), c.culprit())));
    }

    /** One run: a session, both firings, disposed. Returns the rules fired. */
    public int run() {
        KieSession session = knowledge.kieBase().newKieSession(configuration, null);
        try {
            if (end != null) {
                SessionPseudoClock clock = session.getSessionClock();
                clock.advanceTime(end.toEpochMilli() - clock.getCurrentTime(), TimeUnit.MILLISECONDS);
            }
            for (Object f : facts) session.insert(f);
            int fired = session.fireAllRules();
            for (Object h : hypotheses) session.insert(h);
            return fired + session.fireAllRules();
        } finally {
            session.dispose();
        }
    }
}
