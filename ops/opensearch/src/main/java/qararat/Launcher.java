package qararat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.opensearch.action.admin.cluster.health.ClusterHealthResponse;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.cluster.health.ClusterHealthStatus;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch 2.19 node in this JVM, built from Maven Central's jars instead of a distribution.
 *
 * <pre>java -Xmx512m -cp target/classes:target/lib/* qararat.Launcher --node 0 --nodes 3 --data var/opensearch
 *     [--http-port 9200] [--transport-port 9300] [--cluster-name qararat] [--timeout 300]</pre>
 *
 * Node i is "node-i" on 127.0.0.1, HTTP base+i, transport base+i, its files under DATA/node-i. One node per
 * process, so a fault test can kill -9 a single node. It prints "OPENSEARCH READY url,url,..." once the
 * cluster is green with all N nodes joined; SIGTERM or Ctrl-C closes the node and exits 0.
 */
public final class Launcher {
    /** Below this, mmap-ing every index file can exhaust vm.max_map_count (OpenSearch's bootstrap check). */
    private static final long MMAP_MAX_MAP_COUNT = 262144;

    /** The status the shutdown hook exits with: 0 for a stop by signal, 1 once startup has failed. */
    private static volatile int exitStatus = 0;

    /** Node's constructor that takes classpath plugins is protected: the plugin jars are not installed in a plugins/ folder. */
    private static final class EmbeddedNode extends Node {
        EmbeddedNode(Settings settings) {
            super(
                InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> settings.get("node.name")),
                List.of(Netty4Plugin.class, CommonAnalysisPlugin.class),
                true
            );
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int index = Integer.parseInt(required(options, "node"));
        int count = Integer.parseInt(options.getOrDefault("nodes", "1"));
        if (count < 1 || index < 0 || index >= count) {
            fail("--node must be in 0.." + (count - 1) + " for --nodes " + count);
        }
        int httpBase = Integer.parseInt(options.getOrDefault("http-port", "9200"));
        int transportBase = Integer.parseInt(options.getOrDefault("transport-port", "9300"));
        long timeoutSeconds = Long.parseLong(options.getOrDefault("timeout", "300"));
        Path home = Path.of(required(options, "data")).toAbsolutePath().resolve("node-" + index);
        Files.createDirectories(home.resolve("config"));

        Settings settings = settings(options.getOrDefault("cluster-name", "qararat"), index, count, httpBase, transportBase, home);
        Node node = new EmbeddedNode(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAndExit(node), "qararat-shutdown"));
        try {
            node.start();
            awaitGreen(node, count, timeoutSeconds);
        } catch (Exception e) {
            e.printStackTrace();
            System.err.println("OPENSEARCH FAILED " + e); // the line ops/opensearch_cluster.py reports
            exitWith(1);
        }

        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            urls.add("http://127.0.0.1:" + (httpBase + i));
        }
        System.out.println("OPENSEARCH READY " + String.join(",", urls));
        System.out.flush();
        new CountDownLatch(1).await(); // the node's threads serve; the shutdown hook ends the process
    }

    static Settings settings(String clusterName, int index, int count, int httpBase, int transportBase, Path home) {
        Settings.Builder builder = Settings.builder()
            .put("cluster.name", clusterName)
            .put("node.name", "node-" + index)
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", httpBase + index)
            .put("transport.port", transportBase + index)
            .put("bootstrap.memory_lock", false)
            // a developer's or CI machine's disk is often over the 85% watermark: do not refuse to allocate replicas
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("node.store.allow_mmap", maxMapCount() >= MMAP_MAX_MAP_COUNT);
        if (count == 1) {
            builder.put("discovery.type", "single-node");
        } else {
            List<String> names = new ArrayList<>();
            List<String> seeds = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                names.add("node-" + i);
                seeds.add("127.0.0.1:" + (transportBase + i));
            }
            // read only when the cluster forms for the first time; afterwards the data folders remember it
            builder.putList("cluster.initial_cluster_manager_nodes", names).putList("discovery.seed_hosts", seeds);
        }
        return builder.build();
    }

    /** Waits until the cluster is green with exactly `count` nodes; exits 1 after timeoutSeconds. */
    static void awaitGreen(Node node, int count, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            try {
                ClusterHealthResponse health = node.client().admin().cluster().prepareHealth()
                    .setWaitForGreenStatus()
                    .setWaitForNodes(String.valueOf(count))
                    .setTimeout(TimeValue.timeValueSeconds(5))
                    .get();
                if (!health.isTimedOut() && health.getStatus() == ClusterHealthStatus.GREEN) {
                    return;
                }
                last = health.getStatus() + " with " + health.getNumberOfNodes() + " of " + count + " nodes";
            } catch (RuntimeException e) { // no cluster manager elected yet
                last = e.toString();
                Thread.sleep(1000);
            }
        }
        System.err.println("OPENSEARCH NOT READY after " + timeoutSeconds + "s: " + last);
        exitWith(1);
    }

    private static void exitWith(int status) {
        exitStatus = status;
        System.exit(status); // runs closeAndExit, which halts with exitStatus
    }

    private static void closeAndExit(Node node) {
        int status = exitStatus;
        try {
            node.close();
            if (!node.awaitClose(30, TimeUnit.SECONDS)) {
                System.err.println("OPENSEARCH node did not close within 30s");
                status = 1;
            }
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.out.println("OPENSEARCH STOPPED");
        System.out.flush();
        LogManager.shutdown();
        // halt, not exit: inside a shutdown hook exit would block, and SIGTERM's default status is 143
        Runtime.getRuntime().halt(status);
    }

    private static long maxMapCount() {
        try {
            return Long.parseLong(Files.readString(Path.of("/proc/sys/vm/max_map_count")).trim());
        } catch (Exception e) { // not Linux: mmap is not limited this way
            return Long.MAX_VALUE;
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                fail("expected --name value pairs, got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            fail("--" + name + " is required");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("usage: Launcher --node I --nodes N --data DIR [--http-port 9200] [--transport-port 9300]"
            + " [--cluster-name qararat] [--timeout 300]\n" + message);
        System.exit(2);
    }
}
