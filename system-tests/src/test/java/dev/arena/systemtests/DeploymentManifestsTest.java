package dev.arena.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files an operator uses as they are: docker-compose.yml (validated by
 * docker-compose 1.29 itself), the kustomize overlays under k8s/ (rendered by kubectl, validated
 * against the Kubernetes schemas by system-tests/src/test/k8s-validate), the edge image's nginx
 * config, and what matters in them: probes and limits on every container, the game StatefulSet
 * and its headless Service agreeing, nginx routes naming real Services and ports, no secret value
 * anywhere. No Docker engine or cluster is needed; missing tools skip their test with the reason.
 */
class DeploymentManifestsTest {

    private static final Path REPO = StackScript.REPO;
    private static final Path TARGET = REPO.resolve("system-tests/target");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final List<String> OVERLAYS = List.of("dev", "prod");
    /** A game node's drain at most (arena.game.drain-timeout's default), and the JVM's stop after it with a margin. */
    private static final int DRAIN_TIMEOUT_SECONDS = 5;
    private static final int STOP_MARGIN_SECONDS = 5;
    /** The Secrets the manifests may reference: created out of band (k8s/README.md, create-secrets.sh). */
    private static final Set<String> DOCUMENTED_SECRETS = Set.of("arena-db", "arena-jwt", "arena-redis", "arena-console", "arena-tls");
    private static final Pattern ARENA_VARIABLE = Pattern.compile("\\$\\{(ARENA_[A-Z0-9_]+)}");
    private static final Pattern UPSTREAM = Pattern.compile("upstream\\s+(\\S+)\\s*\\{([^}]*)}");
    private static final Pattern SERVER = Pattern.compile("^\\s*server\\s+([^\\s;:]+):(\\d+)[^;]*;", Pattern.MULTILINE);
    private static final Pattern MAP_BLOCK = Pattern.compile("map\\s+\\$game_node\\s+\\$game_upstream\\s*\\{([^}]*)}");

    /** Rendered overlays, shared by the tests of one run (kubectl takes about a second each). */
    private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

    @TempDir
    Path tmp;

    // ------------------------------------------------------------------------------------------
    // docker-compose.yml

    @Test
    void composeFileValidatesWithDockerCompose() {
        Path compose = dockerCompose().orElse(null);
        assumeTrue(compose != null, "docker-compose is not installed and could not be installed (needs root and"
                + " the Debian package docker-compose): skipping `docker-compose config -q`");

        Result ok = run(List.of(compose.toString(), "-f", "docker-compose.yml", "config", "-q"),
                Map.of("ARENA_DB_PASSWORD", "only-for-config-check"), TIMEOUT);
        assertEquals(0, ok.exitCode(), "docker-compose config rejected docker-compose.yml:\n" + ok.output());

        Result missing = run(List.of(compose.toString(), "-f", "docker-compose.yml", "config", "-q"), Map.of(), TIMEOUT);
        assertNotEquals(0, missing.exitCode(), "ARENA_DB_PASSWORD must be required, but config passed without it");
        assertTrue(missing.output().contains("ARENA_DB_PASSWORD"), missing.output());
    }

    @Test
    void composeServicesHaveHealthChecksAndStartOnReadiness() {
        Map<String, Object> services = map(compose().get("services"));
        assertEquals(Set.of("redis", "postgres", "keys", "lobby", "matchmaker", "game-1", "game-2", "nginx"),
                services.keySet(), "compose services");

        for (String name : services.keySet()) {
            if (name.equals("keys")) {
                continue; // one-shot: the others wait for it to complete
            }
            Map<String, Object> healthcheck = map(map(services.get(name)).get("healthcheck"));
            assertFalse(healthcheck.isEmpty(), name + " has no healthcheck");
            assertNotNull(healthcheck.get("test"), name + " healthcheck has no test");
        }
        for (String name : List.of("lobby", "matchmaker", "game-1", "game-2")) {
            Map<String, Object> dependsOn = map(map(services.get(name)).get("depends_on"));
            assertEquals("service_completed_successfully", map(dependsOn.get("keys")).get("condition"), name + " -> keys");
            assertEquals("service_healthy", map(dependsOn.get("redis")).get("condition"), name + " -> redis");
        }
        for (String name : List.of("lobby", "game-1", "game-2")) {
            Map<String, Object> dependsOn = map(map(services.get(name)).get("depends_on"));
            assertEquals("service_healthy", map(dependsOn.get("postgres")).get("condition"), name + " -> postgres");
        }
        Map<String, Object> nginxDependsOn = map(map(services.get("nginx")).get("depends_on"));
        for (String name : List.of("lobby", "matchmaker", "game-1", "game-2")) {
            assertEquals("service_healthy", map(nginxDependsOn.get(name)).get("condition"), "nginx -> " + name);
        }
        assertEquals(List.of("${ARENA_NGINX_BIND:-0.0.0.0}:${ARENA_NGINX_PORT:-8080}:8080"),
                map(services.get("nginx")).get("ports"), "nginx is published on 8080 (the only published port)");
        for (String name : services.keySet()) {
            if (!name.equals("nginx")) {
                assertNull(map(services.get(name)).get("ports"), name + " must not be published: nginx is the entry");
            }
        }
        for (String node : List.of("game-1", "game-2")) {
            Map<String, Object> service = map(services.get(node));
            assertEquals(node, env(service).get("ARENA_GAME_NODE_ID"), node + " node id");
            assertTrue(seconds(String.valueOf(service.get("stop_grace_period"))) >= DRAIN_TIMEOUT_SECONDS + STOP_MARGIN_SECONDS,
                    node + " must have time to drain");
        }
    }

    /**
     * k8s/base/generated/<service>/kubernetes.yml is what quarkus-kubernetes wrote for the service
     * in this build (<service>-service/target/kubernetes/kubernetes.yml), compared as objects: the
     * extension writes labels and list entries in an order that varies from build to build.
     */
    @ParameterizedTest
    @ValueSource(strings = {"lobby", "matchmaker", "game"})
    void theCommittedManifestsAreWhatTheBuildGenerates(String service) throws IOException {
        Path generated = REPO.resolve(service + "-service/target/kubernetes/kubernetes.yml");
        Path committed = REPO.resolve("k8s/base/generated/" + service + "/kubernetes.yml");
        assumeTrue(Files.exists(generated), service + " was not packaged in this build: nothing to compare");

        assertEquals(normalized(Files.readString(generated)), normalized(Files.readString(committed)),
                committed + " is not what the build generates from the quarkus.kubernetes.* settings: review the difference and "
                        + "copy it (cp " + REPO.relativize(generated) + " " + REPO.relativize(committed) + ")");
    }

    /** The YAML documents as objects; lists of named entries (env, ports, volumes) sorted by name. */
    private static List<Object> normalized(String yaml) {
        List<Object> documents = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(yaml)) {
            if (document != null) {
                documents.add(sortNamedLists(document));
            }
        }
        return documents;
    }

    private static Object sortNamedLists(Object node) {
        if (node instanceof Map<?, ?> object) {
            Map<Object, Object> sorted = new HashMap<>();
            object.forEach((key, value) -> sorted.put(key, sortNamedLists(value)));
            return sorted;
        }
        if (node instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(sortNamedLists(item)));
            if (items.stream().allMatch(item -> item instanceof Map<?, ?> entry && entry.get("name") != null)) {
                items.sort(Comparator.comparing(item -> String.valueOf(((Map<?, ?>) item).get("name"))));
            }
            return items;
        }
        return node;
    }

    @Test
    void composeCommitsNoPasswordAndNoKey() {
        String text = read(REPO.resolve("docker-compose.yml"));
        Map<String, Object> services = map(compose().get("services"));
        for (Map.Entry<String, Object> service : services.entrySet()) {
            for (Map.Entry<String, String> variable : env(map(service.getValue())).entrySet()) {
                if (variable.getKey().equals("ARENA_LOBBY_CONSOLE_PASSWORD")) {
                    // Optional (no sign-in without it): from the environment or empty, never a value in the file.
                    assertEquals("${ARENA_LOBBY_CONSOLE_PASSWORD:-}", variable.getValue(),
                            service.getKey() + " " + variable.getKey() + " must come from the environment, no default");
                } else if (variable.getKey().contains("PASSWORD")) {
                    assertEquals("${ARENA_DB_PASSWORD:?set ARENA_DB_PASSWORD}", variable.getValue(),
                            service.getKey() + " " + variable.getKey() + " must come from the environment, required, no default");
                }
            }
        }
        assertFalse(text.contains("PRIVATE KEY"), "a key in docker-compose.yml");
        assertFalse(Pattern.compile("ARENA_DB_PASSWORD:-").matcher(text).find(), "a default database password");
    }

    @Test
    void composeEdgeRoutesMatchComposeServices() {
        Map<String, Object> services = map(compose().get("services"));
        String upstreams = read(REPO.resolve("deploy/compose/arena-upstreams.conf.template"));
        Map<String, List<String>> servers = upstreamServers(upstreams);
        assertUpstreamsCoverServerTemplate(servers.keySet(), "deploy/compose/arena-upstreams.conf.template");

        for (Map.Entry<String, List<String>> upstream : servers.entrySet()) {
            for (String hostPort : upstream.getValue()) {
                String host = hostPort.substring(0, hostPort.indexOf(':'));
                String port = hostPort.substring(hostPort.indexOf(':') + 1);
                assertTrue(services.containsKey(host), upstream.getKey() + " names " + host + ", not a compose service");
                assertEquals(port, env(map(services.get(host))).get("QUARKUS_HTTP_PORT"),
                        upstream.getKey() + ": " + host + " listens elsewhere");
            }
        }
        Map<String, String> nodes = gameMapEntries(upstreams);
        assertEquals(Set.of("game-1", "game-2"), nodes.keySet(), "game node map");
        for (Map.Entry<String, String> node : nodes.entrySet()) {
            Map<String, Object> service = map(services.get(node.getKey()));
            assertEquals(node.getKey() + ":" + env(service).get("QUARKUS_HTTP_PORT"), node.getValue(), "route of " + node.getKey());
            assertEquals(node.getKey(), env(service).get("ARENA_GAME_NODE_ID"), "node id of " + node.getKey());
        }
        String volumes = String.valueOf(map(services.get("nginx")).get("volumes"));
        assertTrue(volumes.contains("./deploy/compose/arena-upstreams.conf.template:/etc/nginx/templates/arena-upstreams.conf.template"),
                "the edge gets the Compose upstreams: " + volumes);
    }

    // ------------------------------------------------------------------------------------------
    // The edge image's nginx config, with each environment's include

    @Test
    void edgeImageConfigPassesNginxTestForCompose() {
        edgeConfigPassesNginxTest(read(REPO.resolve("deploy/compose/arena-upstreams.conf.template")),
                Map.of("ARENA_NGINX_RESOLVER", "127.0.0.11"));
    }

    @Test
    void edgeImageConfigPassesNginxTestForKubernetes() {
        edgeConfigPassesNginxTest(read(REPO.resolve("k8s/base/edge/arena-upstreams.conf.template")),
                Map.of("ARENA_NGINX_RESOLVER", "10.96.0.10", "ARENA_K8S_NAMESPACE", "arena", "ARENA_CLUSTER_DOMAIN", "cluster.local"));
    }

    /**
     * Lays the edge image out under a temporary folder as its Dockerfile does, renders the templates
     * as its entrypoint does (ARENA_ variables only) and runs {@code nginx -t}. Upstream host names
     * become 127.0.0.1: they exist only inside Compose or the cluster, and nginx resolves them at start.
     */
    private void edgeConfigPassesNginxTest(String upstreamsTemplate, Map<String, String> environment) {
        Path nginx = StackScript.nginx().orElse(null);
        assumeTrue(nginx != null, "nginx is not installed (./stack test installs it): skipping nginx -t of the edge image config");
        Path etc = tmp.resolve("etc/nginx");
        Path html = tmp.resolve("html");
        Map<String, String> variables = new LinkedHashMap<>(environment);
        variables.put("ARENA_NGINX_LISTEN", "8080");
        variables.put("ARENA_NGINX_HTML", html.toString());
        variables.put("ARENA_NGINX_SOCKETS_PER_ADDRESS", imageDefault("ARENA_NGINX_SOCKETS_PER_ADDRESS"));
        try {
            Files.createDirectories(etc.resolve("conf.d"));
            Files.createDirectories(html);
            Files.copy(REPO.resolve("nginx/mime.types"), etc.resolve("mime.types"));
            for (String name : List.of("arena-http.conf", "arena-server.conf")) {
                Files.writeString(etc.resolve("conf.d/" + name),
                        envsubst(read(REPO.resolve("nginx/templates/" + name + ".template")), variables));
            }
            Files.writeString(etc.resolve("conf.d/arena-upstreams.conf"),
                    SERVER.matcher(envsubst(upstreamsTemplate, variables)).replaceAll("    server 127.0.0.1:$2;"));
            Files.writeString(etc.resolve("nginx.conf"), read(REPO.resolve("deploy/nginx/nginx.conf"))
                    .replace("/tmp/", tmp + "/")
                    .replace("/etc/nginx/", etc + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result check = run(List.of(nginx.toString(), "-t", "-p", tmp + "/", "-c", etc.resolve("nginx.conf").toString(),
                "-e", tmp.resolve("error.log").toString()), Map.of(), TIMEOUT);
        assertEquals(0, check.exitCode(), "nginx -t rejected the edge image's config:\n" + check.output());
    }

    @Test
    void edgeImageRendersOnlyArenaVariables() {
        String dockerfile = read(REPO.resolve("deploy/nginx/Dockerfile"));
        assertTrue(dockerfile.contains("NGINX_ENVSUBST_FILTER=\"^ARENA_\""), "envsubst restricted to ARENA_ variables");
        assertTrue(dockerfile.contains("COPY nginx/templates/ /etc/nginx/templates/"), "the shared templates are in the image");
        assertTrue(dockerfile.contains("COPY nginx/html/ "), "the client is in the image");
        String envsh = read(REPO.resolve("deploy/nginx/18-arena-env.envsh"));
        // Every ARENA_ variable the templates use gets a value (envsubst leaves unset ones as they are).
        Set<String> used = new TreeSet<>();
        for (Path template : List.of(REPO.resolve("nginx/templates/arena-server.conf.template"),
                REPO.resolve("nginx/templates/arena-http.conf.template"),
                REPO.resolve("deploy/compose/arena-upstreams.conf.template"),
                REPO.resolve("k8s/base/edge/arena-upstreams.conf.template"))) {
            Matcher matcher = ARENA_VARIABLE.matcher(read(template));
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        }
        for (String variable : used) {
            assertTrue(dockerfile.contains(variable + "=") || envsh.contains("export " + variable + "="),
                    variable + " is used by a template but gets no value in the edge image");
        }
    }

    /**
     * The edge's limit of open sockets per client address has one production default everywhere:
     * the image, Compose, the Kubernetes Deployment and the local stack.
     */
    @Test
    void socketLimitPerAddressHasOneDefaultEverywhere() {
        String image = imageDefault("ARENA_NGINX_SOCKETS_PER_ADDRESS");
        assertTrue(image.matches("[1-9][0-9]*"), "image default: " + image);

        Map<String, Object> nginx = map(map(compose().get("services")).get("nginx"));
        assertEquals("${ARENA_NGINX_SOCKETS_PER_ADDRESS:-" + image + "}", env(nginx).get("ARENA_NGINX_SOCKETS_PER_ADDRESS"),
                "Compose passes the variable with the image's default");
        for (String overlay : List.of("dev", "prod")) {
            Map<String, Object> container = maps(podSpec(one(overlay, "Deployment", "edge")).get("containers")).get(0);
            assertEquals(image, String.valueOf(envEntry(container, "ARENA_NGINX_SOCKETS_PER_ADDRESS").get("value")),
                    overlay + ": the edge Deployment's value");
        }
        assertTrue(read(REPO.resolve("stack")).contains("\"${ARENA_NGINX_SOCKETS_PER_ADDRESS:-" + image + "}\""),
                "./stack's default is the image's");
    }

    // ------------------------------------------------------------------------------------------
    // k8s/: render, schema validation, what matters

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayValidatesAgainstKubernetesSchemas(String overlay) {
        Path validator = k8sValidator().orElse(null);
        assumeTrue(validator != null, "node/npm unavailable or `npm install` of kubernetes-models and yaml failed:"
                + " skipping the schema validation (the other k8s tests still run)");
        Path rendered = renderedFile(overlay);
        Result result = run(List.of("node", validator.toString(), rendered.toString()), Map.of(), TIMEOUT);
        assertEquals(0, result.exitCode(), "k8s/overlays/" + overlay + " does not validate:\n" + result.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasProbesAndResources(String overlay) {
        for (Map<String, Object> workload : workloads(overlay)) {
            Map<String, Object> podSpec = podSpec(workload);
            List<Map<String, Object>> containers = new ArrayList<>(maps(podSpec.get("containers")));
            containers.addAll(maps(podSpec.get("initContainers")));
            assertFalse(containers.isEmpty(), name(workload) + " has no containers");
            for (Map<String, Object> container : containers) {
                String where = overlay + " " + name(workload) + " container " + container.get("name");
                Map<String, Object> resources = map(container.get("resources"));
                for (String bound : List.of("requests", "limits")) {
                    Map<String, Object> values = map(resources.get(bound));
                    assertNotNull(values.get("cpu"), where + ": no cpu " + bound);
                    assertNotNull(values.get("memory"), where + ": no memory " + bound);
                }
                if (maps(podSpec.get("initContainers")).contains(container)) {
                    continue;
                }
                assertFalse(map(container.get("readinessProbe")).isEmpty(), where + ": no readinessProbe");
                assertFalse(map(container.get("livenessProbe")).isEmpty(), where + ": no livenessProbe");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void arenaServicesProbeQuarkusHealthAndAreScraped(String overlay) {
        Map<String, String> ports = Map.of("lobby", "8081", "matchmaker", "8082", "game", "8083");
        for (Map.Entry<String, String> service : ports.entrySet()) {
            Map<String, Object> workload = one(overlay, service.getKey().equals("game") ? "StatefulSet" : "Deployment", service.getKey());
            Map<String, Object> container = maps(podSpec(workload).get("containers")).get(0);
            assertEquals("/q/health/ready", path(container, "readinessProbe"), service.getKey() + " readiness");
            assertEquals("/q/health/live", path(container, "livenessProbe"), service.getKey() + " liveness");
            assertEquals(service.getValue(), env(container).get("QUARKUS_HTTP_PORT"), service.getKey() + " port");
            assertEquals(Integer.valueOf(service.getValue()), map(maps(container.get("ports")).get(0)).get("containerPort"));
            Map<String, Object> annotations = map(map(map(map(workload.get("spec")).get("template")).get("metadata")).get("annotations"));
            assertEquals("true", annotations.get("prometheus.io/scrape"), service.getKey() + " scrape annotation");
            assertEquals(service.getValue(), annotations.get("prometheus.io/port"), service.getKey() + " scrape port");
            assertEquals("/q/metrics", annotations.get("prometheus.io/path"), service.getKey() + " scrape path");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void gameStatefulSetAndHeadlessServiceAgree(String overlay) {
        Map<String, Object> game = one(overlay, "StatefulSet", "game");
        Map<String, Object> spec = map(game.get("spec"));
        String serviceName = String.valueOf(spec.get("serviceName"));
        Map<String, Object> headless = one(overlay, "Service", serviceName);
        Map<String, Object> headlessSpec = map(headless.get("spec"));
        assertEquals("None", headlessSpec.get("clusterIP"), serviceName + " must be headless");

        Map<String, Object> podLabels = map(map(map(spec.get("template")).get("metadata")).get("labels"));
        Map<String, Object> matchLabels = map(map(spec.get("selector")).get("matchLabels"));
        assertTrue(podLabels.entrySet().containsAll(matchLabels.entrySet()), "the StatefulSet selector must match its pods");
        Map<String, Object> serviceSelector = map(headlessSpec.get("selector"));
        assertFalse(serviceSelector.isEmpty(), serviceName + " has no selector");
        assertTrue(podLabels.entrySet().containsAll(serviceSelector.entrySet()), serviceName + " must select the game pods");

        Map<String, Object> container = maps(map(map(spec.get("template")).get("spec")).get("containers")).get(0);
        Object containerPort = map(maps(container.get("ports")).get(0)).get("containerPort");
        Map<String, Object> servicePort = maps(headlessSpec.get("ports")).get(0);
        assertEquals(containerPort, servicePort.get("port"), serviceName + " port");

        // The node id is the pod name: what the edge routes on is what the node believes it is.
        Map<String, Object> nodeId = envEntry(container, "ARENA_GAME_NODE_ID");
        assertEquals("metadata.name", map(map(nodeId.get("valueFrom")).get("fieldRef")).get("fieldPath"),
                "ARENA_GAME_NODE_ID must be the pod name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void gameNodesHaveTimeToDrain(String overlay) {
        Map<String, Object> podSpec = podSpec(one(overlay, "StatefulSet", "game"));
        int grace = ((Number) podSpec.get("terminationGracePeriodSeconds")).intValue();
        Map<String, Object> container = maps(podSpec.get("containers")).get(0);
        List<Object> preStop = objects(map(map(map(map(container.get("lifecycle")).get("preStop")).get("exec"))).get("command"));
        assertEquals("sleep", String.valueOf(preStop.get(0)), "preStop pause: " + preStop);
        int pause = Integer.parseInt(String.valueOf(preStop.get(1)));
        assertTrue(pause > 0 && pause <= 15, "a short preStop pause, not " + pause);
        assertTrue(grace >= pause + DRAIN_TIMEOUT_SECONDS + STOP_MARGIN_SECONDS, "grace period " + grace + " s must cover the preStop "
                + pause + " s + the " + DRAIN_TIMEOUT_SECONDS + " s drain + the JVM's stop");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void disruptionBudgetsAndAutoscalers(String overlay) {
        for (String name : List.of("game", "lobby", "matchmaker", "edge")) {
            Map<String, Object> pdb = one(overlay, "PodDisruptionBudget", name);
            Map<String, Object> selector = map(map(map(pdb.get("spec")).get("selector")).get("matchLabels"));
            Map<String, Object> workload = one(overlay, name.equals("game") ? "StatefulSet" : "Deployment", name);
            Map<String, Object> podLabels = map(map(map(map(workload.get("spec")).get("template")).get("metadata")).get("labels"));
            assertFalse(selector.isEmpty(), "PDB " + name + " selects nothing");
            assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "PDB " + name + " must select the " + name + " pods");
        }
        for (String name : List.of("lobby", "matchmaker")) {
            Map<String, Object> spec = map(one(overlay, "HorizontalPodAutoscaler", name).get("spec"));
            assertEquals(name, map(spec.get("scaleTargetRef")).get("name"));
            assertEquals("Deployment", map(spec.get("scaleTargetRef")).get("kind"));
            assertEquals(2, spec.get("minReplicas"), name + " runs at least 2 replicas");
            Map<String, Object> metric = maps(spec.get("metrics")).get(0);
            assertEquals("cpu", map(metric.get("resource")).get("name"), name + " scales on CPU");
            assertNull(map(one(overlay, "Deployment", name).get("spec")).get("replicas"),
                    name + ": the HPA owns the replica count, the Deployment must not reset it");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void ingressSendsEverythingToTheEdgeWithSocketTimeouts(String overlay) {
        Map<String, Object> ingress = one(overlay, "Ingress", "arena");
        Map<String, Object> annotations = map(map(ingress.get("metadata")).get("annotations"));
        for (String timeout : List.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "nginx.ingress.kubernetes.io/proxy-send-timeout")) {
            assertTrue(Integer.parseInt(String.valueOf(annotations.get(timeout))) >= 3600, timeout + " = " + annotations.get(timeout));
        }
        Map<String, Object> rule = maps(map(ingress.get("spec")).get("rules")).get(0);
        Map<String, Object> path = maps(map(rule.get("http")).get("paths")).get(0);
        Map<String, Object> backend = map(map(path.get("backend")).get("service"));
        assertEquals("/", path.get("path"));
        Map<String, Object> edge = one(overlay, "Service", String.valueOf(backend.get("name")));
        Set<Object> portNames = maps(map(edge.get("spec")).get("ports")).stream().map(p -> p.get("name")).collect(Collectors.toSet());
        assertTrue(portNames.contains(map(backend.get("port")).get("name")), "the Ingress names a port of " + backend.get("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void monitoringShipsADashboardAndAlertRules(String overlay) throws IOException {
        // The dashboard: JSON with a Prometheus datasource variable; every panel that is not a row queries something.
        Map<String, Object> dashboardMap = configMap(overlay, "arena-grafana-dashboard");
        assertEquals("1", String.valueOf(map(map(dashboardMap.get("metadata")).get("labels")).get("grafana_dashboard")),
                "Grafana's sidecar finds dashboards by this label");
        JsonNode dashboard = new ObjectMapper().readTree(String.valueOf(map(dashboardMap.get("data")).get("arena.json")));
        assertTrue(dashboard.path("templating").path("list").findValuesAsText("name").contains("datasource"), "datasource variable");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique: " + panel.path("id"));
            if (!"row".equals(panel.path("type").asText())) {
                assertFalse(panel.path("targets").isEmpty(), panel.path("title") + " has no query");
                panel.path("targets").forEach(target -> assertBalanced(target.path("expr").asText(), panel.path("title").asText()));
            }
        }
        // The rules: Prometheus' rule file format, each alert with an expression, a severity and a summary.
        Map<String, Object> rulesMap = configMap(overlay, "arena-prometheus-rules");
        Map<String, Object> rules = new Yaml().load(String.valueOf(map(rulesMap.get("data")).get("arena-alerts.yml")));
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> group : maps(rules.get("groups"))) {
            for (Map<String, Object> rule : maps(group.get("rules"))) {
                String alert = String.valueOf(rule.get("alert"));
                assertTrue(alerts.add(alert), "alert names are unique: " + alert);
                assertBalanced(String.valueOf(rule.get("expr")), alert);
                assertTrue(Set.of("warning", "critical").contains(String.valueOf(map(rule.get("labels")).get("severity"))), alert);
                assertNotNull(map(rule.get("annotations")).get("summary"), alert + " summary");
            }
        }
        assertEquals(Set.of("ArenaGameNodeLost", "ArenaMatchmakingStalled", "ArenaQueueWaitHigh", "ArenaServiceDown",
                "ArenaStoreUnavailable", "ArenaTickLate"), alerts, "node down, tick lateness, queue wait, matchmaking stalled, stores");
    }

    /** An expression whose brackets pair up (what a typo in a hand-edited query breaks first). */
    private static void assertBalanced(String expr, String where) {
        assertFalse(expr.isBlank(), where + ": empty expression");
        Deque<Character> open = new ArrayDeque<>();
        for (char c : expr.toCharArray()) {
            switch (c) {
                case '(', '{', '[' -> open.push(c);
                case ')' -> assertEquals(Character.valueOf('('), open.poll(), where + ": " + expr);
                case '}' -> assertEquals(Character.valueOf('{'), open.poll(), where + ": " + expr);
                case ']' -> assertEquals(Character.valueOf('['), open.poll(), where + ": " + expr);
                default -> { }
            }
        }
        assertTrue(open.isEmpty(), where + ": unclosed bracket in " + expr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void edgeRoutesMatchServicesAndPorts(String overlay) {
        List<Map<String, Object>> objects = rendered(overlay);
        String namespace = String.valueOf(map(one(overlay, "Deployment", "edge").get("metadata")).get("namespace"));
        Map<String, Object> edgeConfig = objects.stream()
                .filter(o -> "ConfigMap".equals(o.get("kind")) && name(o).startsWith("arena-edge"))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap arena-edge in " + overlay));
        String clusterDomain = String.valueOf(map(configMap(overlay, "arena-config").get("data")).get("ARENA_CLUSTER_DOMAIN"));
        String template = String.valueOf(map(edgeConfig.get("data")).get("arena-upstreams.conf.template"));
        String upstreams = envsubst(template, Map.of("ARENA_K8S_NAMESPACE", namespace, "ARENA_CLUSTER_DOMAIN", clusterDomain,
                "ARENA_NGINX_RESOLVER", "10.96.0.10"));
        String suffix = "." + namespace + ".svc." + clusterDomain;

        Map<String, List<String>> servers = upstreamServers(upstreams);
        assertUpstreamsCoverServerTemplate(servers.keySet(), "the ConfigMap arena-edge");
        Map<String, String> expected = Map.of("arena_lobby", "lobby", "arena_matchmaker", "matchmaker", "arena_game_api", "game");
        for (Map.Entry<String, String> upstream : expected.entrySet()) {
            List<String> hosts = servers.get(upstream.getKey());
            assertNotNull(hosts, "no upstream " + upstream.getKey());
            for (String hostPort : hosts) {
                String host = hostPort.substring(0, hostPort.indexOf(':'));
                int port = Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1));
                assertEquals(upstream.getValue() + suffix, host, upstream.getKey() + " host");
                Map<String, Object> service = one(overlay, "Service", upstream.getValue());
                assertTrue(servicePorts(service).contains(port), upstream.getKey() + ": Service " + upstream.getValue() + " has no port " + port);
            }
        }

        // The game-node map: pod name -> <pod>.<headless service>.<ns>.svc.<domain>:<port>.
        Map<String, Object> game = one(overlay, "StatefulSet", "game");
        String headless = String.valueOf(map(game.get("spec")).get("serviceName"));
        Matcher mapBlock = MAP_BLOCK.matcher(withoutComments(upstreams));
        assertTrue(mapBlock.find(), "no map $game_node $game_upstream in the ConfigMap arena-edge");
        Matcher regex = Pattern.compile("~\\^\\(\\?<(\\w+)>game-\\[0-9]\\+\\)\\$\\s+\\$(\\w+)\\.([^\\s;]+);").matcher(mapBlock.group(1));
        assertTrue(regex.find(), "the map must route game-N pod names:\n" + mapBlock.group(1));
        assertEquals(regex.group(1), regex.group(2), "the map value must use the captured pod name");
        int headlessPort = servicePorts(one(overlay, "Service", headless)).get(0);
        assertEquals(headless + suffix + ":" + headlessPort, regex.group(3), "game node address");
        assertTrue(Pattern.compile("(?m)^\\s*resolver\\s+\\S+").matcher(upstreams).find(), "a resolver for the per-request game-node names");

        // The edge gets what the template needs: the ConfigMap as a template file and its namespace.
        Map<String, Object> edgePod = podSpec(one(overlay, "Deployment", "edge"));
        Map<String, Object> nginx = maps(edgePod.get("containers")).get(0);
        assertTrue(maps(nginx.get("volumeMounts")).stream().anyMatch(m ->
                        "/etc/nginx/templates/arena-upstreams.conf.template".equals(m.get("mountPath"))),
                "the edge must mount the ConfigMap into /etc/nginx/templates");
        assertTrue(maps(edgePod.get("volumes")).stream().anyMatch(v -> name(edgeConfig).equals(map(v.get("configMap")).get("name"))),
                "the edge must mount " + name(edgeConfig));
        assertEquals("metadata.namespace",
                map(map(envEntry(nginx, "ARENA_K8S_NAMESPACE").get("valueFrom")).get("fieldRef")).get("fieldPath"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyReferencedConfigMapAndSecretIsAccountedFor(String overlay) {
        List<Map<String, Object>> objects = rendered(overlay);
        Set<String> configMaps = objects.stream().filter(o -> "ConfigMap".equals(o.get("kind")))
                .map(DeploymentManifestsTest::name).collect(Collectors.toSet());
        Set<String> referencedConfigMaps = new TreeSet<>();
        Set<String> referencedSecrets = new TreeSet<>();
        for (Map<String, Object> object : objects) {
            collectReferences(object, referencedConfigMaps, referencedSecrets);
        }
        assertTrue(configMaps.containsAll(referencedConfigMaps), "ConfigMaps referenced but not rendered: "
                + referencedConfigMaps.stream().filter(c -> !configMaps.contains(c)).toList());
        assertTrue(DOCUMENTED_SECRETS.containsAll(referencedSecrets), "undocumented Secrets referenced: " + referencedSecrets);
        String howTo = read(REPO.resolve("k8s/README.md")) + read(REPO.resolve("k8s/create-secrets.sh"));
        for (String secret : referencedSecrets) {
            assertTrue(howTo.contains(secret), "k8s/README.md or create-secrets.sh must explain the Secret " + secret);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noSecretValueInTheRenderedManifests(String overlay) {
        for (Map<String, Object> object : rendered(overlay)) {
            if ("Secret".equals(object.get("kind"))) {
                assertTrue(map(object.get("data")).isEmpty() && map(object.get("stringData")).isEmpty(),
                        "Secret " + name(object) + " carries values in the manifests");
            }
            if ("ConfigMap".equals(object.get("kind"))) {
                for (Map.Entry<String, Object> entry : map(object.get("data")).entrySet()) {
                    assertFalse(entry.getKey().matches("(?i).*(password|secret|private).*"),
                            "ConfigMap " + name(object) + " holds " + entry.getKey() + ": a secret belongs in a Secret");
                }
            }
        }
    }

    @Test
    void noSecretValueInTheDeploymentFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(REPO.resolve("k8s")), Files.walk(REPO.resolve("deploy")))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        Pattern secretGeneratorLiteral = Pattern.compile("secretGenerator:[\\s\\S]*literals:");
        for (Path file : files) {
            String text = read(file);
            String where = REPO.relativize(file).toString();
            assertFalse(text.contains("-----BEGIN") && text.contains("PRIVATE KEY-----"), where + " holds a private key");
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                assertFalse(secretGeneratorLiteral.matcher(text).find(), where + ": a secretGenerator with literal values");
            }
            if (file.toString().endsWith(".yaml") || file.toString().endsWith(".yml")) {
                for (Object document : new Yaml(new LoaderOptions()).loadAll(text)) {
                    Map<String, Object> object = map(document);
                    if ("Secret".equals(object.get("kind"))) {
                        assertTrue(map(object.get("data")).isEmpty() && map(object.get("stringData")).isEmpty(),
                                where + ": Secret " + name(object) + " carries values");
                    }
                }
            }
            if (file.getFileName().toString().endsWith(".env")) {
                assertFalse(Pattern.compile("(?im)^[A-Z_]*(PASSWORD|SECRET)[A-Z_]*=").matcher(text).find(), where + " holds a password");
            }
        }
    }

    @Test
    void devRunsRedisAndPostgresInTheClusterProdPointsOutside() {
        assertEquals("redis", name(one("dev", "Service", "redis")));
        assertEquals("postgres", name(one("dev", "Service", "postgres")));
        Map<String, Object> devConfig = map(configMap("dev", "arena-config").get("data"));
        assertEquals("redis://redis:6379", devConfig.get("ARENA_REDIS_URL"));
        assertEquals("postgres", devConfig.get("ARENA_DB_HOST"));

        for (Map<String, Object> object : rendered("prod")) {
            assertFalse(Set.of("redis", "postgres").contains(name(object)) && !"Namespace".equals(object.get("kind")),
                    "prod must not run " + object.get("kind") + "/" + name(object) + " in the cluster");
        }
        Map<String, Object> prodConfig = map(configMap("prod", "arena-config").get("data"));
        assertNotEquals(devConfig.get("ARENA_REDIS_URL"), prodConfig.get("ARENA_REDIS_URL"), "prod Redis");
        assertNotEquals(devConfig.get("ARENA_DB_HOST"), prodConfig.get("ARENA_DB_HOST"), "prod PostgreSQL");
        for (Map<String, Object> object : rendered("prod")) {
            if (object.get("kind").toString().matches("Deployment|StatefulSet")) {
                for (Map<String, Object> container : maps(podSpec(object).get("containers"))) {
                    String image = String.valueOf(container.get("image"));
                    assertFalse(image.endsWith(":latest") || !image.contains(":"), "prod pins image versions: " + image);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Helpers: tools

    /** docker-compose on the PATH, or installed from Debian when root (as ./stack does); empty if neither works. */
    private static synchronized Optional<Path> dockerCompose() {
        Optional<Path> found = onPath("docker-compose");
        if (found.isPresent() || !isRoot() || onPath("apt-get").isEmpty()) {
            return found;
        }
        Map<String, String> noninteractive = Map.of("DEBIAN_FRONTEND", "noninteractive");
        Result install = run(List.of("apt-get", "install", "-y", "-q", "docker-compose"), noninteractive, INSTALL_TIMEOUT);
        if (install.exitCode() != 0) {
            run(List.of("apt-get", "update", "-q"), noninteractive, INSTALL_TIMEOUT);
            run(List.of("apt-get", "install", "-y", "-q", "docker-compose"), noninteractive, INSTALL_TIMEOUT);
        }
        return onPath("docker-compose");
    }

    /**
     * The schema validator, installed once into system-tests/target/k8s-validate (npm install from
     * the registry the first time, then reused while package.json is unchanged); empty without npm.
     */
    private static synchronized Optional<Path> k8sValidator() {
        if (onPath("node").isEmpty() || onPath("npm").isEmpty()) {
            return Optional.empty();
        }
        Path source = REPO.resolve("system-tests/src/test/k8s-validate");
        Path work = TARGET.resolve("k8s-validate");
        try {
            Files.createDirectories(work);
            String packageJson = read(source.resolve("package.json"));
            Path installed = work.resolve("node_modules/.arena-installed-package.json");
            if (!Files.exists(installed) || !read(installed).equals(packageJson)) {
                Files.writeString(work.resolve("package.json"), packageJson);
                Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--no-package-lock",
                        "--prefer-offline", "--loglevel=error", "--prefix", work.toString()), Map.of(), INSTALL_TIMEOUT);
                if (install.exitCode() != 0) {
                    System.err.println("npm install for the k8s schema validation failed:\n" + install.output());
                    return Optional.empty();
                }
                Files.writeString(installed, packageJson);
            }
            Files.copy(source.resolve("validate.mjs"), work.resolve("validate.mjs"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(work.resolve("validate.mjs"));
    }

    private static Path renderedFile(String overlay) {
        rendered(overlay);
        return TARGET.resolve("k8s-rendered/" + overlay + ".yaml");
    }

    /** `kubectl kustomize k8s/overlays/<overlay>`, parsed; the YAML is kept under target/k8s-rendered. */
    private static List<Map<String, Object>> rendered(String overlay) {
        assertTrue(OVERLAYS.contains(overlay), overlay);
        return RENDERED.computeIfAbsent(overlay, o -> {
            assumeTrue(onPath("kubectl").isPresent(), "kubectl is not installed: skipping the k8s/ checks");
            Result result = run(List.of("kubectl", "kustomize", "k8s/overlays/" + o), Map.of(), TIMEOUT);
            assertEquals(0, result.exitCode(), "kubectl kustomize k8s/overlays/" + o + " failed:\n" + result.output());
            try {
                Path file = TARGET.resolve("k8s-rendered/" + o + ".yaml");
                Files.createDirectories(file.getParent());
                Files.writeString(file, result.output());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object document : new Yaml(new LoaderOptions()).loadAll(result.output())) {
                if (document != null) {
                    objects.add(map(document));
                }
            }
            assertTrue(objects.size() > 10, "too few objects rendered for " + o + ": " + objects.size());
            return objects;
        });
    }

    private static Map<String, Object> compose() {
        return map(new Yaml(new LoaderOptions()).load(read(REPO.resolve("docker-compose.yml"))));
    }

    private static Optional<Path> onPath(String command) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Optional.of(Path.of(dir, command));
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    record Result(int exitCode, String output) {}

    /**
     * Runs a command in the repository root with a clean Arena environment: every ARENA_ variable of
     * the caller (./stack test exports the database credentials) is removed, then {@code env} added.
     */
    private static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            Path output = Files.createTempFile("arena-deploy", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(REPO.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().keySet().removeIf(name -> name.startsWith("ARENA_"));
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + read(output));
                }
                return new Result(process.exitValue(), read(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return new Result(127, String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Helpers: nginx text

    /** A variable's value in the edge image's ENV (deploy/nginx/Dockerfile). */
    private static String imageDefault(String variable) {
        Matcher matcher = Pattern.compile("(?m)^\\s*(?:ENV\\s+)?" + variable + "=(\\S+)").matcher(read(REPO.resolve("deploy/nginx/Dockerfile")));
        assertTrue(matcher.find(), variable + " has no default in deploy/nginx/Dockerfile");
        return matcher.group(1);
    }

    /** envsubst as the edge image runs it: only ARENA_ variables; any left unset is an error here. */
    private static String envsubst(String template, Map<String, String> variables) {
        Matcher matcher = ARENA_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            assertNotNull(value, "no value for ${" + matcher.group(1) + "}");
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String withoutComments(String conf) {
        return conf.replaceAll("(?m)#.*$", "");
    }

    /** upstream name -> its "host:port" servers. */
    private static Map<String, List<String>> upstreamServers(String conf) {
        Map<String, List<String>> upstreams = new LinkedHashMap<>();
        Matcher block = UPSTREAM.matcher(withoutComments(conf));
        while (block.find()) {
            List<String> servers = new ArrayList<>();
            Matcher server = SERVER.matcher(block.group(2));
            while (server.find()) {
                servers.add(server.group(1) + ":" + server.group(2));
            }
            assertFalse(servers.isEmpty(), "upstream " + block.group(1) + " has no server");
            upstreams.put(block.group(1), servers);
        }
        return upstreams;
    }

    /** The literal entries of the game-node map: node id -> host:port (regex entries left out). */
    private static Map<String, String> gameMapEntries(String conf) {
        Matcher block = MAP_BLOCK.matcher(withoutComments(conf));
        assertTrue(block.find(), "no map $game_node $game_upstream");
        Map<String, String> entries = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("(?m)^\\s*([\\w-]+)\\s+([^\\s;]+);").matcher(block.group(1));
        while (entry.find()) {
            if (!entry.group(1).equals("default")) {
                entries.put(entry.group(1), entry.group(2));
            }
        }
        return entries;
    }

    /** Every fixed upstream the shared server block proxies to is defined by the environment's include. */
    private static void assertUpstreamsCoverServerTemplate(Set<String> defined, String where) {
        String server = withoutComments(read(REPO.resolve("nginx/templates/arena-server.conf.template")));
        Set<String> needed = new LinkedHashSet<>();
        Matcher proxyPass = Pattern.compile("proxy_pass\\s+http://([\\w$]+)").matcher(server);
        while (proxyPass.find()) {
            if (!proxyPass.group(1).startsWith("$")) {
                needed.add(proxyPass.group(1));
            }
        }
        assertFalse(needed.isEmpty(), "no proxy_pass found in arena-server.conf.template");
        assertTrue(defined.containsAll(needed), where + " defines " + defined + " but the server block needs " + needed);
    }

    // ------------------------------------------------------------------------------------------
    // Helpers: YAML objects

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> objects(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** A YAML list of objects; anything that is not an object becomes an empty map. */
    private static List<Map<String, Object>> maps(Object value) {
        return objects(value).stream().map(DeploymentManifestsTest::map).toList();
    }

    private static String name(Map<String, Object> object) {
        return String.valueOf(map(object.get("metadata")).get("name"));
    }

    private static List<Map<String, Object>> workloads(String overlay) {
        return rendered(overlay).stream()
                .filter(o -> Set.of("Deployment", "StatefulSet", "DaemonSet", "Job").contains(o.get("kind")))
                .toList();
    }

    private static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload.get("spec")).get("template")).get("spec"));
    }

    private static Map<String, Object> one(String overlay, String kind, String name) {
        return rendered(overlay).stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(name(o)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in k8s/overlays/" + overlay));
    }

    /** A generated ConfigMap by its base name (kustomize appends a content hash). */
    private static Map<String, Object> configMap(String overlay, String baseName) {
        return rendered(overlay).stream()
                .filter(o -> "ConfigMap".equals(o.get("kind")) && name(o).matches(Pattern.quote(baseName) + "(-[a-z0-9]{10})?"))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + baseName + " in " + overlay));
    }

    private static List<Integer> servicePorts(Map<String, Object> service) {
        return maps(map(service.get("spec")).get("ports")).stream()
                .map(p -> ((Number) map(p).get("port")).intValue()).toList();
    }

    private static Object path(Map<String, Object> container, String probe) {
        return map(map(container.get(probe)).get("httpGet")).get("path");
    }

    /** Literal env values of a compose service or a container (both spellings: map and list). */
    private static Map<String, String> env(Map<String, Object> holder) {
        Map<String, String> values = new LinkedHashMap<>();
        Object environment = holder.containsKey("environment") ? holder.get("environment") : holder.get("env");
        if (environment instanceof Map<?, ?> m) {
            m.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
        } else {
            for (Object item : objects(environment)) {
                Map<String, Object> entry = map(item);
                if (entry.containsKey("value")) {
                    values.put(String.valueOf(entry.get("name")), String.valueOf(entry.get("value")));
                }
            }
        }
        return values;
    }

    private static Map<String, Object> envEntry(Map<String, Object> container, String name) {
        return maps(container.get("env")).stream().map(DeploymentManifestsTest::map)
                .filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in container " + container.get("name")));
    }

    /** Names of ConfigMaps and Secrets referenced anywhere in an object (env, envFrom, volumes, Ingress TLS). */
    private static void collectReferences(Object node, Set<String> configMaps, Set<String> secrets) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> entry : m.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Map<String, Object> value = map(entry.getValue());
                if (key.equals("configMapKeyRef") || key.equals("configMapRef") || key.equals("configMap")) {
                    if (!Boolean.TRUE.equals(value.get("optional"))) {
                        configMaps.add(String.valueOf(value.get("name")));
                    }
                } else if (key.equals("secretKeyRef") || key.equals("secretRef")) {
                    secrets.add(String.valueOf(value.get("name")));
                } else if (key.equals("secret")) {
                    secrets.add(String.valueOf(value.get("secretName")));
                } else if (key.equals("secretName") && entry.getValue() instanceof String s) {
                    secrets.add(s);
                }
                collectReferences(entry.getValue(), configMaps, secrets);
            }
        } else if (node instanceof List<?> l) {
            l.forEach(item -> collectReferences(item, configMaps, secrets));
        }
    }

    private static long seconds(String duration) {
        Matcher matcher = Pattern.compile("(\\d+)(s|m)").matcher(duration);
        assertTrue(matcher.matches(), "duration " + duration);
        return Long.parseLong(matcher.group(1)) * (matcher.group(2).equals("m") ? 60 : 1);
    }

    private static void assertNull(Object value, String message) {
        org.junit.jupiter.api.Assertions.assertNull(value, message);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
