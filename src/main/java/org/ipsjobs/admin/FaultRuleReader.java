package org.ipsjobs.admin;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.ipsjobs.control.FaultEffect;
import org.ipsjobs.control.FaultMatch;
import org.ipsjobs.control.FaultRule;
import org.ipsjobs.jobs.api.Operation;
import org.ipsjobs.jobs.model.JobType;

/**
 * Reads a fault rule from its JSON form, the one the admin API takes and the dashboard's form builds,
 * so both refuse the same rules with the same words.
 */
public final class FaultRuleReader {

    private static final Set<String> FAULT_TYPES = Set.of("authenticationFault", "authorizationFault", "ipsApiFault");

    private FaultRuleReader() {
    }

    private static final Set<String> RULE_FIELDS = Set.of("match", "times", "fault", "delay", "disconnect",
            "failAtItem", "logType", "message", "stall", "pace");

    /**
     * The rule a JSON document describes; its id is a placeholder until the rules store it.
     *
     * @throws AdminRequestException naming the field that is wrong
     */
    public static FaultRule read(JsonNode body) {
        JsonFields f = JsonFields.of(body, "", RULE_FIELDS);
        JsonFields m = JsonFields.of(f.node("match"), "match", Set.of("company", "jobName", "jobType", "operation", "user"));
        String operation = m.text("operation");
        if (operation != null && Arrays.stream(Operation.values()).noneMatch(o -> o.wireName().equals(operation))) {
            throw AdminRequestException.badField("match.operation", "match.operation: '" + operation
                    + "' is not an operation of this service; known: " + String.join(", ",
                            Arrays.stream(Operation.values()).map(Operation::wireName).toList()));
        }
        String jobType = m.text("jobType");
        JobType type = null;
        if (jobType != null) {
            type = Arrays.stream(JobType.values()).filter(t -> t.wireName().equals(jobType)).findFirst()
                    .orElseThrow(() -> AdminRequestException.badField("match.jobType", "match.jobType: '" + jobType
                            + "' is not a job type; known: " + String.join(", ",
                                    Arrays.stream(JobType.values()).map(JobType::wireName).toList())));
        }
        FaultMatch match = new FaultMatch(m.text("company"), m.text("jobName"), type, operation, m.text("user"));
        Integer times = f.integer("times", 1, Integer.MAX_VALUE);

        List<String> effects = List.of("fault", "delay", "disconnect", "failAtItem", "stall", "pace").stream()
                .filter(f::has).toList();
        if (effects.size() != 1) {
            throw AdminRequestException.badField(null, "a rule needs exactly one effect: fault, delay or disconnect"
                    + " (for calls), failAtItem, stall or pace (for job runs); it has "
                    + (effects.isEmpty() ? "none" : String.join(", ", effects)));
        }
        if ((f.has("message") || f.has("logType")) && !f.has("failAtItem")) {
            throw AdminRequestException.badField(f.has("message") ? "message" : "logType",
                    "message and logType go with failAtItem");
        }
        FaultEffect effect = switch (effects.get(0)) {
            case "fault" -> {
                JsonFields a = JsonFields.of(f.node("fault"), "fault", Set.of("type", "code", "reason"));
                String faultType = a.text("type") == null ? "ipsApiFault" : a.text("type");
                if (!FAULT_TYPES.contains(faultType)) {
                    throw AdminRequestException.badField("fault.type", "fault.type must be one of "
                            + String.join(", ", FAULT_TYPES.stream().sorted().toList()));
                }
                Integer code = a.integer("code", 0, 99_999);
                yield new FaultEffect.Answer(faultType, code == null ? 30000 : code,
                        a.text("reason") == null ? "Injected by a fault rule" : a.text("reason"));
            }
            case "delay" -> {
                Duration d = f.duration("delay");
                if (d.isNegative() || d.compareTo(Duration.ofMinutes(5)) > 0) {
                    throw AdminRequestException.badField("delay", "delay must be between 0 and 5 minutes");
                }
                yield new FaultEffect.Delay(d);
            }
            case "disconnect" -> {
                String how = f.text("disconnect");
                if (!"reset".equals(how) && !"empty".equals(how)) {
                    throw AdminRequestException.badField("disconnect", "disconnect must be \"reset\" (a TCP reset) or"
                            + " \"empty\" (the connection closed without an answer)");
                }
                yield new FaultEffect.Disconnect(how.equals("reset"));
            }
            case "failAtItem" -> new FaultEffect.FailItem(f.integer("failAtItem", 1, Integer.MAX_VALUE),
                    f.text("logType"), f.text("message") == null ? "injected failure" : f.text("message"));
            case "stall" -> {
                JsonFields s = JsonFields.of(f.node("stall"), "stall", Set.of("state", "atProgress"));
                String state = s.text("state") == null ? "Running" : s.text("state");
                if (!state.equals("Running") && !state.equals("WaitingCoordinator")) {
                    throw AdminRequestException.badField("stall.state", "stall.state must be Running or"
                            + " WaitingCoordinator");
                }
                Integer at = s.integer("atProgress", 0, 100);
                if (state.equals("WaitingCoordinator") && at != null && at != 0) {
                    throw AdminRequestException.badField("stall.atProgress", "a run stalled in WaitingCoordinator has"
                            + " not started, so its progress is 0");
                }
                yield new FaultEffect.Stall(state.equals("WaitingCoordinator"), at == null ? 0 : at);
            }
            default -> {
                Duration p = f.duration("pace");
                if (p.isNegative() || p.compareTo(Duration.ofDays(1)) > 0) {
                    throw AdminRequestException.badField("pace", "pace must be between 0 and one day per item");
                }
                yield new FaultEffect.Pace(p);
            }
        };
        if (effect.onRuns() && match.operation() != null) {
            throw AdminRequestException.badField("match.operation", "a rule for job runs cannot match an operation;"
                    + " match on company, jobName, jobType or user");
        }
        return new FaultRule("new", match, effect, times);
    }
}
