package org.ipsjobs.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.ipsjobs.control.Seed;
import org.ipsjobs.control.SeedException;
import org.ipsjobs.jobs.model.JobType;

/**
 * Reads a seed, in JSON or YAML (one schema for both, for {@code POST /__admin/seed} and
 * {@code --seed FILE}), into a {@link Seed}; every error names the field, such as
 * {@code jobs[2].state}. What the values mean is checked where the seed is applied.
 */
public final class SeedReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SeedReader() {
    }

    /** Reads a seed; YAML is a superset of JSON, so a YAML reader takes either. */
    public static Seed read(byte[] document) {
        JsonNode root;
        try {
            root = YAML.readTree(document);
        } catch (JsonProcessingException e) {
            throw new SeedException("(document)", "not JSON or YAML: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new SeedException("(document)", "could not be read: " + e.getMessage());
        }
        return read(root);
    }

    static Seed read(JsonNode root) {
        try {
            JsonFields seed = JsonFields.of(root, "", Set.of("companies", "users", "jobs"));
            List<Seed.Company> companies = new ArrayList<>();
            int i = 0;
            for (JsonNode node : list(seed, "companies")) {
                JsonFields c = JsonFields.of(node, "companies[" + i++ + "]", Set.of("handle", "name", "rootPath",
                        "expires"));
                companies.add(new Seed.Company(c.text("handle"), c.text("name"), c.text("rootPath"), c.instant("expires")));
            }
            List<Seed.User> users = new ArrayList<>();
            i = 0;
            for (JsonNode node : list(seed, "users")) {
                String where = "users[" + i++ + "]";
                JsonFields u = JsonFields.of(node, where, Set.of("email", "password", "role", "companies", "handle",
                        "disabled"));
                users.add(new Seed.User(u.text("email"), u.text("password"), u.text("role"), texts(u, "companies"),
                        u.text("handle"), Boolean.TRUE.equals(u.bool("disabled"))));
            }
            List<Seed.Job> jobs = new ArrayList<>();
            i = 0;
            for (JsonNode node : list(seed, "jobs")) {
                jobs.add(job(node, "jobs[" + i++ + "]"));
            }
            return new Seed(companies, users, jobs);
        } catch (AdminRequestException e) {
            throw new SeedException(e.field() == null ? "(document)" : e.field(), e.getMessage());
        }
    }

    private static Seed.Job job(JsonNode node, String where) {
        JsonFields j = JsonFields.of(node, where, Set.of("company", "name", "type", "submittedBy", "description",
                "locale", "schedule", "execTime", "state", "progress", "items", "startDate", "endDate", "log"));
        String typeName = j.text("type");
        JobType type = null;
        if (typeName != null) {
            type = Arrays.stream(JobType.values()).filter(t -> t.wireName().equals(typeName)).findFirst()
                    .orElseThrow(() -> AdminRequestException.badField(where + ".type", where + ".type: '" + typeName
                            + "' is not a job type; known: " + String.join(", ",
                                    Arrays.stream(JobType.values()).map(JobType::wireName).toList())));
        }
        String stateName = j.text("state");
        Seed.State state = null;
        if (stateName != null) {
            state = switch (stateName) {
                case "Scheduled" -> Seed.State.SCHEDULED;
                case "Queued", "WaitingCoordinator" -> Seed.State.QUEUED;
                case "Running" -> Seed.State.RUNNING;
                case "Done" -> Seed.State.DONE;
                default -> throw AdminRequestException.badField(where + ".state", where + ".state: '" + stateName
                        + "' is not one of Scheduled, Queued, Running, Done");
            };
        }
        Seed.Log log = null;
        if (j.has("log")) {
            JsonFields l = JsonFields.of(j.node("log"), where + ".log", Set.of("successCount", "errorCount",
                    "warningCount", "fatalError", "lines"));
            List<Seed.Line> lines = new ArrayList<>();
            int k = 0;
            for (JsonNode line : list(l, "lines")) {
                JsonFields f = JsonFields.of(line, where + ".log.lines[" + k++ + "]", Set.of("type", "message",
                        "assetName", "assetHandle", "at"));
                lines.add(new Seed.Line(f.text("type"), f.text("message"), f.text("assetName"), f.text("assetHandle"),
                        f.instant("at")));
            }
            log = new Seed.Log(l.integer("successCount", 0, Integer.MAX_VALUE), l.integer("errorCount", 0,
                    Integer.MAX_VALUE), l.integer("warningCount", 0, Integer.MAX_VALUE),
                    Boolean.TRUE.equals(l.bool("fatalError")), lines);
        }
        return new Seed.Job(j.text("company"), j.text("name"), type, j.text("submittedBy"), j.text("description"),
                j.text("locale"), j.text("schedule"), j.instant("execTime"), state, j.integer("progress", 0, 100),
                texts(j, "items"), j.instant("startDate"), j.instant("endDate"), log);
    }

    private static List<JsonNode> list(JsonFields f, String name) {
        if (!f.has(name)) {
            return List.of();
        }
        JsonNode node = f.node(name);
        if (!node.isArray()) {
            throw AdminRequestException.badField(f.prefix(name), f.prefix(name) + " must be a list");
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }

    private static List<String> texts(JsonFields f, String name) {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : list(f, name)) {
            if (!n.isTextual()) {
                throw AdminRequestException.badField(f.prefix(name) + "[" + i + "]", f.prefix(name) + "[" + i
                        + "] must be a string");
            }
            out.add(n.asText());
            i++;
        }
        return out;
    }

}
