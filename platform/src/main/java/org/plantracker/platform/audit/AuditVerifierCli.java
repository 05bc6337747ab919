package org.plantracker.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies a service's chain from outside the service, against its database:
 *
 * <pre>
 * java -cp task-service/target/task-service-0.1.0-SNAPSHOT-exec.jar \
 *      -Dloader.main=org.plantracker.platform.audit.AuditVerifierCli \
 *      org.springframework.boot.loader.launch.PropertiesLauncher \
 *      --url jdbc:postgresql://127.0.0.1:5432/task_service --user auditor --password ... \
 *      --service task-service --public-key MCowBQYDK2VwAyEA... [--public-key earlier...] \
 *      [--checkpoints exported-checkpoints.jsonl] [--key-file dev-key-file]
 * </pre>
 *
 * or checks an export for inspectors (GET /api/audit/export) without any database:
 * {@code ... --export task-service-audit-1-5000.json --public-key MCowBQYDK2VwAyEA...}
 *
 * Prints the report as JSON; exits 0 when the chain is intact, 1 when it is broken, 2 on a usage error.
 */
public final class AuditVerifierCli {

    private AuditVerifierCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("usage: --url <jdbc url> [--user u] [--password p] --service <name> --public-key <base64 X.509>... "
                        + "[--key-file <dev key file>] [--checkpoints <exported file>] [--grace PT1M]; or --export <file> --public-key <base64>");
                return 2;
            }
            options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
        }
        String url = one(options, "url");
        String service = one(options, "service");
        List<String> publicKeys = new ArrayList<>(options.getOrDefault("public-key", List.of()));
        options.getOrDefault("key-file", List.of()).forEach(f -> publicKeys.add(AuditKeys.publicKeyOfFile(Path.of(f))));
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
        if (options.containsKey("export") && !publicKeys.isEmpty()) {
            try {
                AuditExport.Export export = json.readValue(Path.of(one(options, "export")).toFile(), AuditExport.Export.class);
                List<String> problems = AuditExport.check(export, AuditKeys.verifying(publicKeys));
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("manifest", export.manifest());
                report.put("intact", problems.isEmpty());
                report.put("problems", problems);
                out.println(json.writeValueAsString(report));
                return problems.isEmpty() ? 0 : 1;
            } catch (Exception e) {
                err.println("cannot read the export: " + e.getMessage());
                return 2;
            }
        }
        if (url == null || service == null || publicKeys.isEmpty()) {
            err.println("--url, --service and at least one --public-key (or --key-file) are required");
            return 2;
        }
        List<Checkpoint> exported = new ArrayList<>();
        options.getOrDefault("checkpoints", List.of()).forEach(f -> exported.addAll(AuditCheckpoints.readFile(Path.of(f))));
        Duration grace = Duration.parse(options.getOrDefault("grace", List.of("PT1M")).get(0));
        AuditChainVerifier verifier = new AuditChainVerifier(AuditKeys.verifying(publicKeys), grace);
        try (Connection connection = DriverManager.getConnection(url, one(options, "user"), one(options, "password"))) {
            connection.setReadOnly(true);
            AuditChainVerifier.Report report = verifier.verify(connection, service, exported);
            out.println(json.writeValueAsString(report));
            return report.intact() ? 0 : 1;
        } catch (Exception e) {
            err.println("cannot verify: " + e.getMessage());
            return 2;
        }
    }

    private static String one(Map<String, List<String>> options, String name) {
        List<String> values = options.get(name);
        return values == null ? null : values.get(values.size() - 1);
    }
}
