package dev.gatewaydoctor.engine;

import dev.gatewaydoctor.facts.Fact;
import dev.gatewaydoctor.facts.HttpResponse;
import dev.gatewaydoctor.recognition.LogSignal;

import java.util.ArrayList;
import java.util.List;

/** The gateway statuses a record shows: its HTTP responses and an access log's 502, 503 and 504 lines. */
public final class GatewayStatuses {

    private GatewayStatuses() {
    }

    public static List<Integer> seen(List<Fact> facts, List<LogSignal> signals) {
        var out = new ArrayList<Integer>();
        for (Fact f : facts) if (f instanceof HttpResponse r && r.gatewayError() && !out.contains(r.status())) out.add(r.status());
        for (LogSignal s : signals) {
            if ("access-gateway-error".equals(s.family()) && s.status() != null && !out.contains(s.status())) out.add(s.status());
        }
        return out;
    }
}
