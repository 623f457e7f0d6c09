package org.ipsjobs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.ipsjobs.auth.User;
import org.ipsjobs.time.DurationText;
import org.ipsjobs.time.ServiceClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What README.md shows must work as shown: its configuration example loads, the error it quotes is
 * the one that example gives, every limit's documented minimum is the one enforced, and the curl
 * examples run against the service. Everything is read from the README itself, so the two cannot
 * drift apart.
 */
class ReadmeTest {

    private static final Pattern CODE_BLOCK = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```$");
    private static final String SOMEONE = """
            companies: [{handle: "c|1"}]
            users: [{email: a@example.com, password: pw, role: IpsUser, companies: ["c|1"]}]
            """;

    @TempDir
    Path dir;

    @Test
    void theConfigurationExampleLoadsAsItIs() throws Exception {
        String yaml = configurationExample();
        ServiceSettings settings = ServiceSettings.load(write("ips.yaml", yaml));

        assertThat(settings.publicUrl()).isEqualTo("https://ips.example.com");
        assertThat(settings.jobs().workers()).isEqualTo(4);
        assertThat(settings.companies()).extracting(c -> c.handle()).containsExactly("c|8676");
        assertThat(settings.users()).extracting(User::email)
                .containsExactly("admin@example.com", "uploader@example.com", "hashed@example.com");
        User hashed = settings.users().get(2);
        assertThat(hashed.password().isHashed()).isTrue();
        Matcher said = Pattern.compile("# the hash of \"([^\"]+)\"").matcher(yaml);
        assertThat(said.find()).as("the example says whose hash it is").isTrue();
        assertThat(hashed.password().matches(said.group(1))).as("the hash is of the password the comment names").isTrue();
    }

    @Test
    void theMistakeTheReadmeQuotesIsTheMessageItsExampleGives() throws Exception {
        Matcher quoted = Pattern.compile("Saved as `ips\\.yaml` with\\s+`workers: four`, the example above gives\\s+"
                + "`ips\\.yaml, (line \\d+: [^`]+)`").matcher(readme());
        assertThat(quoted.find()).as("the README quotes a message").isTrue();
        String broken = configurationExample().replaceFirst("(?m)^(\\s+workers: )4\\b", "$1four");
        Path file = write("ips.yaml", broken);
        assertThatThrownBy(() -> ServiceSettings.load(file)).hasMessage(file + ", " + quoted.group(1));
    }

    @Test
    void everyLimitHasItsMinimumDocumentedAsEnforced() throws Exception {
        Map<String, String> commented = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^  (\\w+): \\S+\\s+# at least ([^\\s;,]+)").matcher(
                configurationExample().substring(configurationExample().indexOf("\nlimits:")));
        while (m.find()) {
            commented.put(m.group(1), m.group(2));
        }
        List<String> keys = Arrays.stream(ServiceConfig.Limits.class.getRecordComponents())
                .map(RecordComponent::getName).toList();
        assertThat(commented.keySet()).as("each limit in the configuration example names its minimum")
                .containsExactlyInAnyOrderElementsOf(keys);
        assertThat(securityTableMinimums()).as("the tables under Security agree").isEqualTo(commented);

        for (String key : keys) {
            String minimum = commented.get(key);
            assertThat(ServiceSettings.load(write("at-minimum.yaml", SOMEONE + "limits:\n  " + key + ": " + minimum + "\n")))
                    .as(key + " at its minimum").isNotNull();
            String below = below(key, minimum);
            if (below != null) {
                Path file = write("below.yaml", SOMEONE + "limits:\n  " + key + ": " + below + "\n");
                assertThatThrownBy(() -> ServiceSettings.load(file)).as(key + " below its minimum")
                        .hasMessageStartingWith(file + ", line 4: limits." + key + ": must be at least " + minimum);
            }
        }
    }

    @Test
    void theCurlExamplesRunAsShown() throws Exception {
        assumeTrue(commandExists("bash") && commandExists("curl"), "bash and curl are needed to run the examples");
        String section = section("Try it with curl");
        List<String> blocks = codeBlocks(section, "sh");
        Matcher start = Pattern.compile("IPS_ADMIN_PASSWORD=(\\S+) java -jar").matcher(blocks.get(0));
        assertThat(start.find()).as("the section starts the server with a chosen password").isTrue();
        String function = blocks.stream().filter(b -> b.startsWith("ips() {")).findFirst().orElseThrow();
        Matcher quotedAnswer = Pattern.compile("answers `<submitJobReturn>(<jobHandle>[^<]+</jobHandle>)")
                .matcher(section);
        assertThat(quotedAnswer.find()).isTrue();

        List<String> commands = new ArrayList<>();
        for (String block : blocks) {
            if (block.startsWith("curl ")) {
                commands.add(block);
            } else if (block.startsWith("ips ")) {
                Matcher each = Pattern.compile("(?ms)^ips \\w+ <<'EOF'\\n.*?^EOF$").matcher(block);
                while (each.find()) {
                    commands.add(each.group());
                }
            }
        }
        assertThat(commands).extracting(ReadmeTest::operation).containsExactly("submitJob", "getActiveJobs", "stopJob",
                "getJobLogs", "getJobLogDetails", "submitJob", "getScheduledJobs");

        ServiceSettings settings = ServiceSettings.firstRun(start.group(1)).settings().withPort(0);
        try (IpsJobServer server = IpsJobServer.start(settings, ServiceClock.system(ZoneId.of("UTC")))) {
            String base = "http://127.0.0.1:" + server.port();
            boolean first = true;
            for (String command : commands) {
                String script = function.replace("http://127.0.0.1:8080", base) + "\n"
                        + command.replace("http://127.0.0.1:8080", base);
                String operation = operation(command);
                if (operation.startsWith("getJobLog")) {
                    // the log is written when the run is done, a moment after it was stopped
                    Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                            .until(() -> bash(script), answer -> answer.contains("<originalJobName>My Test Job<"));
                }
                String answer = bash(script);
                assertThat(answer).as(command).contains("<" + operation + "Return").doesNotContain("Fault>");
                switch (operation) {
                    case "submitJob" -> {
                        Matcher name = Pattern.compile("<jobName>([^<]+)</jobName>").matcher(command);
                        assertThat(name.find()).isTrue();
                        assertThat(answer).contains("<jobHandle>j|1|" + name.group(1) + "||</jobHandle>");
                        if (first) {
                            assertThat(answer).as("the answer the README quotes").contains(quotedAnswer.group(1));
                            first = false;
                        }
                    }
                    case "getActiveJobs" -> assertThat(answer).contains("<jobHandle>j|1||My Test Job_");
                    case "getJobLogDetails" -> assertThat(answer).contains("<detailArray>");
                    case "getScheduledJobs" -> assertThat(answer).contains("<jobHandle>j|1|Nightly publish||</jobHandle>")
                            .contains("<execSchedule>00 00 03 * *</execSchedule>").contains("<nextFireTime>");
                    default -> {
                    }
                }
            }
        }
    }

    private static String operation(String command) {
        Matcher m = Pattern.compile("SOAPAction: (\\w+)'|^ips (\\w+) ").matcher(command);
        assertThat(m.find()).as(command).isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** A value one step below the minimum, written as the config file would; null when there is none. */
    private static String below(String key, String minimum) throws Exception {
        Class<?> type = ServiceConfig.Limits.class.getRecordComponents()[Arrays.stream(
                ServiceConfig.Limits.class.getRecordComponents()).map(RecordComponent::getName).toList().indexOf(key)]
                .getType();
        if (type != String.class) {
            long n = Long.parseLong(minimum);
            return n > 0 ? String.valueOf(n - 1) : null;
        }
        long bytes;
        try {
            bytes = SizeText.parse(key, minimum);
        } catch (ConfigException notASize) {
            return DurationText.parse(minimum).orElseThrow().toMillis() - 1 + "ms";
        }
        return bytes > 0 ? String.valueOf(bytes - 1) : null;
    }

    /** The Minimum column of the tables under Security, for each limit they name. */
    private static Map<String, String> securityTableMinimums() throws IOException {
        Map<String, String> minimums = new LinkedHashMap<>();
        int column = -1;
        for (String line : section("Security").lines().toList()) {
            if (!line.startsWith("|")) {
                column = -1;
                continue;
            }
            List<String> cells = Arrays.stream(line.split("\\|", -1)).map(String::strip).toList();
            if (cells.contains("Minimum")) {
                column = cells.indexOf("Minimum");
                continue;
            }
            if (column < 0) {
                continue;
            }
            String names = cells.get(1).contains(":") ? cells.get(1).substring(0, cells.get(1).indexOf(':')) : cells.get(1);
            List<String> keys = new ArrayList<>();
            Matcher key = Pattern.compile("`(\\w+)`").matcher(names);
            while (key.find()) {
                keys.add(key.group(1));
            }
            String[] values = cells.get(column).replaceAll("\\(.*?\\)", "").replace(",", "").replace(" ", "").split("/");
            for (int i = 0; i < keys.size() && i < values.length; i++) {
                if (!values[i].isEmpty()) {
                    minimums.put(keys.get(i), values[i]);
                }
            }
        }
        return minimums;
    }

    private static String configurationExample() throws IOException {
        return codeBlocks(section("Configuration"), "yaml").get(0);
    }

    private static String section(String heading) throws IOException {
        String readme = readme();
        int start = readme.indexOf("\n## " + heading + "\n");
        assertThat(start).as("README section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static List<String> codeBlocks(String text, String language) {
        List<String> blocks = new ArrayList<>();
        Matcher m = CODE_BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(language)) {
                blocks.add(m.group(2));
            }
        }
        return blocks;
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static boolean commandExists(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static String bash(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }
}
