package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Names lists: a site's proxy, CDN or hosting held by a list an expert keeps, matched by words. */
class NamedListsNamesTest {

    private static NamedLists read(String yaml, java.util.List<RuleProblem> problems) {
        return NamedLists.read(Map.of("lists/balancers.yaml", yaml), problems);
    }

    @Test
    void aNameIsHeldWhenAnEntryIsOneOfItsWordRunsWhateverTheCaseAndMarks() {
        var problems = new ArrayList<RuleProblem>();
        NamedLists lists = read("""
                list: balancers
                kind: names
                entries: [alb, load-balancer, "GCP LB"]
                """, problems);
        assertThat(problems).isEmpty();
        for (String held : new String[] {"aws-alb", "AWS ALB", "alb", "AWS Application Load Balancer", "gcp-lb", "gcp_lb"}) {
            assertThat(lists.listsHoldingName(held)).as(held).containsExactly("balancers");
        }
        for (String not : new String[] {"albion", "traefik", "nginx", "load", "", "lb"}) {
            assertThat(lists.listsHoldingName(not)).as(not).isEmpty();
        }
        assertThat(lists.listsHolding("10.0.0.1")).as("a names list holds no address").isEmpty();
        assertThat(lists.names()).containsExactly("balancers");
    }

    @Test
    void aListOfAnotherKindOrWithoutEntriesIsAProblemNamingBothKinds() {
        var problems = new ArrayList<RuleProblem>();
        read("""
                list: balancers
                kind: words
                entries: [alb]
                """, problems);
        assertThat(problems).extracting(RuleProblem::message).anySatisfy(m -> assertThat(m).contains("kind: cidr").contains("kind: names"));
        var empty = new ArrayList<RuleProblem>();
        read("""
                list: balancers
                kind: names
                entries: []
                """, empty);
        assertThat(empty).extracting(RuleProblem::message).anySatisfy(m -> assertThat(m).contains("a list of names"));
    }

    @Test
    void aListWrittenAgainstEventSubjectsHoldsWhatEventsNameAndNeverTheSite() {
        var problems = new ArrayList<RuleProblem>();
        NamedLists lists = read("""
                list: header-heavy
                kind: names
                against: event-subjects
                entries: [laravel-debugbar, query-monitor]
                """, problems);
        assertThat(problems).isEmpty();
        assertThat(lists.listsHoldingSubject("laravel-debugbar 1.8.2")).containsExactly("header-heavy");
        assertThat(lists.listsHoldingSubject("Query Monitor")).containsExactly("header-heavy");
        assertThat(lists.listsHoldingSubject("debugbar")).isEmpty();
        assertThat(lists.listsHoldingName("laravel-debugbar")).as("not matched against the site").isEmpty();
        assertThat(lists.names()).containsExactly("header-heavy");
    }

    @Test
    void againstNamesOnlyTheSiteOrEventSubjectsAndOnlyForNames() {
        var problems = new ArrayList<RuleProblem>();
        read("""
                list: header-heavy
                kind: names
                against: events
                entries: [query-monitor]
                """, problems);
        assertThat(problems).extracting(RuleProblem::message).anySatisfy(m -> assertThat(m).contains("against: site").contains("against: event-subjects"));
        var cidr = new ArrayList<RuleProblem>();
        read("""
                list: edges
                kind: cidr
                against: event-subjects
                entries: [10.0.0.0/8]
                """, cidr);
        assertThat(cidr).extracting(RuleProblem::message).anySatisfy(m -> assertThat(m).contains("only a list of \"kind: names\""));
    }
}
