#!/usr/bin/env bash
# Java 17 runtime exceptions, javac and Maven errors, domain "java".
# Maven resolves plugins from Debian's /usr/share/maven-repo (no network).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

M2SETTINGS="$WORK/_m2-settings.xml"
cat >"$M2SETTINGS" <<EOF
<settings>
  <localRepository>$WORK/_m2</localRepository>
  <mirrors><mirror><id>debian</id><mirrorOf>*</mirrorOf><url>file:///usr/share/maven-repo</url></mirror></mirrors>
</settings>
EOF

# jsrc FILE <<EOF ... : write a source file under src/, creating its package dirs
jsrc() { mkdir -p "src/$(dirname "$1")"; cat >"src/$1"; }
jbuild() { javac -d out $(find src -name '*.java') || exit 1; }

c_npe_streams() {
    fresh payout-batch
    jsrc com/tallyhub/payout/Beneficiary.java <<'EOF'
package com.tallyhub.payout;

public record Beneficiary(String name, Iban iban) {}
EOF
    jsrc com/tallyhub/payout/Iban.java <<'EOF'
package com.tallyhub.payout;

public record Iban(String value) {
    public String country() { return value.substring(0, 2); }
}
EOF
    jsrc com/tallyhub/payout/BatchBuilder.java <<'EOF'
package com.tallyhub.payout;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

public class BatchBuilder {
    private final List<Beneficiary> beneficiaries;

    public BatchBuilder(List<Beneficiary> beneficiaries) { this.beneficiaries = beneficiaries; }

    String routeFor(Beneficiary b) {
        return switch (b.iban().country()) {
            case "DE", "AT" -> "SEPA-INST";
            default -> "SEPA";
        };
    }

    public Map<String, List<String>> byRoute() {
        return beneficiaries.stream()
                .collect(Collectors.groupingBy(this::routeFor,
                        Collectors.mapping(Beneficiary::name, Collectors.toList())));
    }
}
EOF
    jsrc com/tallyhub/payout/PayoutJob.java <<'EOF'
package com.tallyhub.payout;

import java.util.List;

public class PayoutJob {
    public static void main(String[] args) {
        var batch = new BatchBuilder(List.of(
                new Beneficiary("Nordlicht AB", new Iban("SE4550000000058398257466")),
                new Beneficiary("Brennwerk GmbH", new Iban("DE89370400440532013000")),
                new Beneficiary("Atelier Rive", null)));
        System.out.println(batch.byRoute());
    }
}
EOF
    jbuild
    java -cp out com.tallyhub.payout.PayoutJob
}

c_caused_by_fnf() {
    fresh tariff-service
    jsrc com/tallyhub/tariff/TariffTable.java <<'EOF'
package com.tallyhub.tariff;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

public class TariffTable {
    private final Map<String, Double> rates = new HashMap<>();

    static TariffTable load(String path) throws IOException {
        var t = new TariffTable();
        try (var in = new BufferedReader(new InputStreamReader(new FileInputStream(path), StandardCharsets.UTF_8))) {
            in.lines().map(l -> l.split(";")).forEach(p -> t.rates.put(p[0], Double.parseDouble(p[1])));
        }
        return t;
    }
}
EOF
    jsrc com/tallyhub/tariff/TariffRegistry.java <<'EOF'
package com.tallyhub.tariff;

import java.io.IOException;
import java.io.UncheckedIOException;

public class TariffRegistry {
    private TariffTable table;

    void refresh(String region) {
        try {
            table = TariffTable.load("/etc/tallyhub/tariffs/" + region + ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tariff table for " + region, e);
        }
    }

    public void warmUp(String... regions) {
        for (String r : regions) {
            try {
                refresh(r);
            } catch (UncheckedIOException e) {
                throw new IllegalStateException("tariff registry warm-up failed", e);
            }
        }
    }
}
EOF
    jsrc com/tallyhub/tariff/Main.java <<'EOF'
package com.tallyhub.tariff;

public class Main {
    public static void main(String[] args) {
        new TariffRegistry().warmUp("nordics", "dach");
    }
}
EOF
    jbuild
    java -cp out com.tallyhub.tariff.Main
}

c_initializer() {
    fresh ratelimits
    jsrc com/tallyhub/limits/Limits.java <<'EOF'
package com.tallyhub.limits;

public final class Limits {
    public static final int MAX_RPS = Integer.parseInt(System.getenv().getOrDefault("TALLY_MAX_RPS", "250"));
    private Limits() {}
}
EOF
    jsrc com/tallyhub/limits/Gateway.java <<'EOF'
package com.tallyhub.limits;

public class Gateway {
    public static void main(String[] args) {
        System.out.println("max rps " + Limits.MAX_RPS);
    }
}
EOF
    jbuild
    TALLY_MAX_RPS="250 " java -cp out com.tallyhub.limits.Gateway
}

c_main_class_not_found() {
    fresh reconcile-cli
    jsrc com/tallyhub/reconcile/Main.java <<'EOF'
package com.tallyhub.reconcile;

public class Main {
    public static void main(String[] args) { System.out.println("reconcile"); }
}
EOF
    jbuild
    java -cp out com.tallyhub.reconciler.Main --period 2024-10
}

c_noclassdef() {
    fresh fx-client
    jsrc com/tallyhub/fx/RateCache.java <<'EOF'
package com.tallyhub.fx;

public class RateCache {
    public double get(String pair) { return 11.71; }
}
EOF
    jsrc com/tallyhub/fx/Quote.java <<'EOF'
package com.tallyhub.fx;

public class Quote {
    private final RateCache cache = new RateCache();
    public double convert(double amount, String pair) { return amount * cache.get(pair); }

    public static void main(String[] args) {
        System.out.println(new Quote().convert(100, "EURNOK"));
    }
}
EOF
    jbuild
    # packaging step forgot one class
    rm out/com/tallyhub/fx/RateCache.class
    java -cp out com.tallyhub.fx.Quote
}

c_unsupported_version() {
    fresh vendor-sdk
    jsrc com/acmepay/sdk/Client.java <<'EOF'
package com.acmepay.sdk;

public class Client {
    public static void main(String[] args) { System.out.println("acmepay sdk"); }
}
EOF
    jbuild
    # the vendor jar was built with JDK 21 (class file major version 65)
    python3 - <<'EOF'
p = "out/com/acmepay/sdk/Client.class"
b = bytearray(open(p, "rb").read())
b[6:8] = (65).to_bytes(2, "big")
open(p, "wb").write(b)
EOF
    java -cp out com.acmepay.sdk.Client
}

c_stackoverflow() {
    fresh category-tree
    jsrc com/tallyhub/catalog/Category.java <<'EOF'
package com.tallyhub.catalog;

import java.util.ArrayList;
import java.util.List;

public class Category {
    final String slug;
    Category parent;
    final List<Category> children = new ArrayList<>();

    Category(String slug) { this.slug = slug; }

    String breadcrumb() {
        return parent == null ? slug : parent.breadcrumb() + " / " + slug;
    }

    public static void main(String[] args) {
        var home = new Category("home");
        var garden = new Category("garden");
        garden.parent = home;
        home.parent = garden; // bad CMS import
        System.out.println(garden.breadcrumb());
    }
}
EOF
    jbuild
    java -Xss512k -cp out com.tallyhub.catalog.Category
}

c_cme() {
    fresh cart-service
    jsrc com/tallyhub/cart/Cart.java <<'EOF'
package com.tallyhub.cart;

import java.util.ArrayList;
import java.util.List;

public class Cart {
    record Line(String sku, int qty) {}

    private final List<Line> lines = new ArrayList<>(List.of(new Line("SKU-1", 0), new Line("SKU-2", 2), new Line("SKU-3", 1)));

    void pruneEmpty() {
        for (Line l : lines) {
            if (l.qty() == 0) {
                lines.remove(l);
            }
        }
    }

    public static void main(String[] args) {
        var c = new Cart();
        c.pruneEmpty();
        System.out.println(c.lines);
    }
}
EOF
    jbuild
    java -cp out com.tallyhub.cart.Cart
}

c_oom() {
    fresh audit-export
    jsrc com/tallyhub/audit/Export.java <<'EOF'
package com.tallyhub.audit;

import java.util.ArrayList;
import java.util.List;

public class Export {
    public static void main(String[] args) {
        List<String> rows = new ArrayList<>();
        for (long i = 0; ; i++) {
            rows.add("2024-10-31T23:59:59Z;evt-" + i + ";ledger.entry.posted;{\"amount\":" + (i % 9973) + "}");
        }
    }
}
EOF
    jbuild
    java -Xmx24m -cp out com.tallyhub.audit.Export
}

c_classcast() {
    fresh event-router
    jsrc com/tallyhub/events/Router.java <<'EOF'
package com.tallyhub.events;

import java.util.Map;

public class Router {
    static long amountOf(Map<String, Object> event) {
        return (Long) event.get("amount");
    }

    public static void main(String[] args) {
        Map<String, Object> evt = Map.of("type", "refund.created", "amount", 1999);
        System.out.println(amountOf(evt));
    }
}
EOF
    jbuild
    java -cp out com.tallyhub.events.Router
}

c_aioobe() {
    fresh sftp-import
    jsrc com/tallyhub/imports/Camt.java <<'EOF'
package com.tallyhub.imports;

public class Camt {
    static String[] parse(String line) {
        String[] f = line.split("\\|");
        return new String[] {f[0], f[1], f[4]};
    }

    public static void main(String[] args) {
        System.out.println(String.join(",", parse("2024-10-31|CRDT|1200.00")));
    }
}
EOF
    jbuild
    java -cp out com.tallyhub.imports.Camt
}

c_enum() {
    fresh order-status
    jsrc com/tallyhub/orders/Status.java <<'EOF'
package com.tallyhub.orders;

public enum Status { PENDING, PAID, SHIPPED, REFUNDED;

    public static void main(String[] args) {
        String fromApi = "partially_refunded";
        System.out.println(Status.valueOf(fromApi.toUpperCase()));
    }
}
EOF
    jbuild
    java -cp out com.tallyhub.orders.Status
}

c_javac_symbol() {
    fresh invoice-pdf
    jsrc com/tallyhub/pdf/Renderer.java <<'EOF'
package com.tallyhub.pdf;

import java.util.List;

public class Renderer {
    public byte[] render(List<String> lines) {
        var doc = new PdfDocument();
        for (String l : lines) {
            doc.addLine(l);
        }
        return doc.toBytes();
    }
}
EOF
    javac -d out $(find src -name '*.java')
}

c_reflect() {
    fresh introspect
    jsrc com/tallyhub/diag/Peek.java <<'EOF'
package com.tallyhub.diag;

import java.lang.reflect.Field;

public class Peek {
    public static void main(String[] args) throws Exception {
        Field f = String.class.getDeclaredField("value");
        f.setAccessible(true);
        System.out.println(((byte[]) f.get("tally")).length);
    }
}
EOF
    jbuild
    java -cp out com.tallyhub.diag.Peek
}

c_deadlock_jstack() {
    fresh ledger-locks
    jsrc com/tallyhub/ledger/Transfer.java <<'EOF'
package com.tallyhub.ledger;

public class Transfer {
    static class Account {
        final String id;
        long balance = 10_000;
        Account(String id) { this.id = id; }
    }

    static void move(Account from, Account to, long cents) {
        synchronized (from) {
            try { Thread.sleep(200); } catch (InterruptedException ignored) {}
            synchronized (to) {
                from.balance -= cents;
                to.balance += cents;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        var a = new Account("acc-nordics");
        var b = new Account("acc-dach");
        var t1 = new Thread(() -> move(a, b, 500), "settle-1");
        var t2 = new Thread(() -> move(b, a, 700), "settle-2");
        t1.start(); t2.start();
        t1.join(); t2.join();
    }
}
EOF
    jbuild
    java -cp out com.tallyhub.ledger.Transfer &
    local pid=$!
    sleep 2
    jstack "$pid" | sed -n '/Found one Java-level deadlock/,$p'
    kill -9 "$pid"
}

c_serial() {
    fresh session-store
    jsrc com/tallyhub/session/Session.java <<'EOF'
package com.tallyhub.session;

import java.io.Serializable;

public class Session implements Serializable {
    private static final long serialVersionUID = 1L;
    String user = "ops@tallyhub.example";
}
EOF
    jsrc com/tallyhub/session/Store.java <<'EOF'
package com.tallyhub.session;

import java.io.*;

public class Store {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("save")) {
            try (var out = new ObjectOutputStream(new FileOutputStream("session.bin"))) { out.writeObject(new Session()); }
        } else {
            try (var in = new ObjectInputStream(new FileInputStream("session.bin"))) {
                System.out.println(((Session) in.readObject()).user);
            }
        }
    }
}
EOF
    jbuild
    java -cp out com.tallyhub.session.Store save
    # next release bumps serialVersionUID; old session files are still on disk
    sed -i 's/serialVersionUID = 1L/serialVersionUID = 2L/' src/com/tallyhub/session/Session.java
    jbuild
    java -cp out com.tallyhub.session.Store load
}

c_zip() {
    fresh plugin-loader
    jsrc com/tallyhub/plugins/Scan.java <<'EOF'
package com.tallyhub.plugins;

import java.util.zip.ZipFile;

public class Scan {
    public static void main(String[] args) throws Exception {
        try (var zf = new ZipFile("plugins/fx-bridge-2.3.1.jar")) {
            zf.stream().forEach(e -> System.out.println(e.getName()));
        }
    }
}
EOF
    jbuild
    mkdir -p plugins tmpjar
    (cd out && jar cf ../tmpjar/full.jar .)
    # a half-finished download
    head -c 900 tmpjar/full.jar >plugins/fx-bridge-2.3.1.jar
    java -cp out com.tallyhub.plugins.Scan
}

mvn_project() {
    fresh "$1"
    mkdir -p src/main/java/com/tallyhub/payouts
    cat >pom.xml <<'EOF'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.tallyhub</groupId>
  <artifactId>payouts-core</artifactId>
  <version>1.4.0-SNAPSHOT</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <build>
    <plugins>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.10.1</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.0</version></plugin>
    </plugins>
  </build>
</project>
EOF
}

c_mvn_compile() {
    mvn_project payouts-core
    echo 'package com.tallyhub.payouts; public class Warm {}' >src/main/java/com/tallyhub/payouts/Warm.java
    mvn -B -q -s "$M2SETTINGS" compile >/dev/null 2>&1   # warm the local repo
    rm -rf target src/main/java/com/tallyhub/payouts/Warm.java
    cat >src/main/java/com/tallyhub/payouts/PayoutService.java <<'EOF'
package com.tallyhub.payouts;

import java.math.BigDecimal;
import java.util.List;

public class PayoutService {
    private final FeeSchedule fees;

    public PayoutService(FeeSchedule fees) { this.fees = fees; }

    public int totalCents(List<BigDecimal> amounts) {
        BigDecimal sum = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.movePointRight(2);
    }
}
EOF
    mvn -s "$M2SETTINGS" -Dstyle.color=always compile
}

c_neg_custom() {
    fresh settlement-engine
    jsrc com/tallyhub/settlement/CutoffMissedException.java <<'EOF'
package com.tallyhub.settlement;

public class CutoffMissedException extends Exception {
    public CutoffMissedException(String msg, Throwable cause) { super(msg, cause); }
}
EOF
    jsrc com/tallyhub/settlement/WindowClosedException.java <<'EOF'
package com.tallyhub.settlement;

public class WindowClosedException extends RuntimeException {
    public WindowClosedException(String msg) { super(msg); }
}
EOF
    jsrc com/tallyhub/settlement/BankWindow.java <<'EOF'
package com.tallyhub.settlement;

import java.time.LocalTime;

public class BankWindow {
    static void assertOpen(String bic, LocalTime now) {
        if (now.isAfter(LocalTime.of(15, 30))) {
            throw new WindowClosedException("window " + bic + " closed at 15:30, now " + now);
        }
    }
}
EOF
    jsrc com/tallyhub/settlement/Engine.java <<'EOF'
package com.tallyhub.settlement;

import java.time.LocalTime;

public class Engine {
    void settle(String batch, String bic) throws CutoffMissedException {
        try {
            BankWindow.assertOpen(bic, LocalTime.of(16, 2));
        } catch (WindowClosedException e) {
            throw new CutoffMissedException("batch " + batch + " missed same-day cutoff for " + bic + "; rescheduled to next business day (T+1)", e);
        }
    }

    public static void main(String[] args) throws Exception {
        new Engine().settle("STL-2024-10-31-004", "NDEASESS");
    }
}
EOF
    jbuild
    java -cp out com.tallyhub.settlement.Engine
}

c_neg_numberformat() {
    fresh price-import
    jsrc com/tallyhub/prices/PriceRow.java <<'EOF'
package com.tallyhub.prices;

public class PriceRow {
    static long cents(String raw) {
        return Long.parseLong(raw.replace(".", ""));
    }

    public static void main(String[] args) {
        for (String raw : new String[] {"19.90", "1.299,00"}) {
            System.out.println(cents(raw));
        }
    }
}
EOF
    jbuild
    java -cp out com.tallyhub.prices.PriceRow
}

cap java java-npe-stream-deep c_npe_streams
cap java java-caused-by-filenotfound c_caused_by_fnf
cap java java-exception-in-initializer c_initializer
cap java java-could-not-find-main-class c_main_class_not_found
cap java java-noclassdeffound-missing-class c_noclassdef
cap java java-unsupported-class-version-65 c_unsupported_version
cap java java-stackoverflow-breadcrumb c_stackoverflow
cap java java-concurrentmodification c_cme
cap java java-oom-java-heap-space c_oom
cap java java-classcast-integer-long c_classcast
cap java java-array-index-out-of-bounds c_aioobe
cap java java-no-enum-constant c_enum
cap java javac-cannot-find-symbol c_javac_symbol
cap java java-inaccessible-object-reflection c_reflect
cap java java-jstack-deadlock c_deadlock_jstack
cap java java-invalidclass-serialversionuid c_serial
cap java java-zipexception-truncated-jar c_zip
cap java mvn-compilation-failure-color c_mvn_compile
cap java java-neg-custom-cutoff-missed c_neg_custom
cap java java-neg-numberformat c_neg_numberformat
