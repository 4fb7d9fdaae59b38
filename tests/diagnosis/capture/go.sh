#!/usr/bin/env bash
# Go toolchain and runtime errors (Debian's go 1.19), domain "go". Offline.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export GOPROXY=off GOFLAGS= GOTOOLCHAIN=local
export GOCACHE="$WORK/_gocache" GOPATH="$WORK/_gopath"

gomod() { # dir module-path
    fresh "$1"
    cat >go.mod <<EOF
module ${2:-example.com/$1}

go 1.19
EOF
}

c_unused() {
    gomod shipping-quote
    cat >main.go <<'EOF'
package main

import (
	"fmt"
	"os"
	"strings"
)

func quote(weightKg float64, zone string) float64 {
	base := 4.9
	surcharge := 0.0
	if strings.HasPrefix(zone, "EU-") {
		return base + weightKg*1.15
	}
	return base + weightKg*2.4
}

func main() {
	fmt.Println(quote(3.2, "EU-DE"))
}
EOF
    go build ./...
}

c_nil_map() {
    gomod tagcount
    cat >main.go <<'EOF'
package main

import "fmt"

type Index struct {
	byTag map[string][]int
}

func (ix *Index) Add(id int, tags ...string) {
	for _, t := range tags {
		ix.byTag[t] = append(ix.byTag[t], id)
	}
}

func main() {
	var ix Index
	ix.Add(7, "urgent", "billing")
	fmt.Println(len(ix.byTag))
}
EOF
    go run .
}

c_nil_pointer() {
    gomod quota-svc
    cat >main.go <<'EOF'
package main

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
)

type Plan struct{ Limit int }
type Account struct {
	ID   string
	Plan *Plan
}

var accounts = map[string]*Account{"acc_19": {ID: "acc_19"}}

func remaining(a *Account, used int) int { return a.Plan.Limit - used }

func quotaHandler(w http.ResponseWriter, r *http.Request) {
	a := accounts[r.URL.Query().Get("account")]
	fmt.Fprintf(w, "%d\n", remaining(a, 120))
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/quota", quotaHandler)
	ln, err := net.Listen("tcp", "127.0.0.1:7288")
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(ln, mux)
	resp, err := http.Get("http://127.0.0.1:7288/v1/quota?account=acc_19")
	if err != nil {
		log.Fatalf("client: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	log.Printf("status=%d body=%q", resp.StatusCode, b)
}
EOF
    go run .
}

c_index_range() {
    gomod csvcols
    cat >main.go <<'EOF'
package main

import (
	"fmt"
	"strings"
)

func parseLine(line string) (sku string, qty string, price string) {
	cols := strings.Split(line, ";")
	return cols[0], cols[1], cols[2]
}

func main() {
	for _, l := range []string{"SKU-1;3;19.90", "SKU-2;1"} {
		fmt.Println(parseLine(l))
	}
}
EOF
    go run .
}

c_deadlock() {
    gomod fanin
    cat >main.go <<'EOF'
package main

import "fmt"

func produce(out chan<- int, n int) {
	for i := 0; i < n; i++ {
		out <- i
	}
}

func main() {
	results := make(chan int)
	produce(results, 3)
	for r := range results {
		fmt.Println(r)
	}
}
EOF
    go run .
}

c_race() {
    gomod hitcounter
    cat >main.go <<'EOF'
package main

import (
	"fmt"
	"sync"
)

type Stats struct{ hits map[string]int }

func (s *Stats) Record(path string) { s.hits[path]++ }

func main() {
	s := &Stats{hits: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Record("/api/v1/invoices")
		}()
	}
	wg.Wait()
	fmt.Println(s.hits)
}
EOF
    go run -race .
}

c_json_type() {
    gomod webhook-decode
    cat >main.go <<'EOF'
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type Payout struct {
	ID       string `json:"id"`
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

func main() {
	body := []byte(`{"id":"po_5531","amount":"129900","currency":"sek"}`)
	var p Payout
	if err := json.Unmarshal(body, &p); err != nil {
		fmt.Fprintln(os.Stderr, "decode payout:", err)
		os.Exit(1)
	}
	fmt.Println(p)
}
EOF
    go run .
}

c_no_required_module() {
    gomod ratelimited-api git.tallyhub.example/platform/ratelimited-api
    cat >main.go <<'EOF'
package main

import (
	"fmt"

	"golang.org/x/time/rate"
)

func main() {
	l := rate.NewLimiter(5, 10)
	fmt.Println(l.Burst())
}
EOF
    go build ./...
}

c_import_cycle() {
    gomod billing git.tallyhub.example/billing
    mkdir -p invoice customer
    cat >invoice/invoice.go <<'EOF'
package invoice

import "git.tallyhub.example/billing/customer"

type Invoice struct{ Owner customer.Customer }
EOF
    cat >customer/customer.go <<'EOF'
package customer

import "git.tallyhub.example/billing/invoice"

type Customer struct{ Open []invoice.Invoice }
EOF
    cat >main.go <<'EOF'
package main

import "git.tallyhub.example/billing/invoice"

func main() { _ = invoice.Invoice{} }
EOF
    go build ./...
}

c_missing_return() {
    gomod tiers
    cat >main.go <<'EOF'
package main

import "fmt"

func tierFor(orders int) string {
	switch {
	case orders > 50:
		return "gold"
	case orders > 10:
		return "silver"
	case orders >= 0:
		return "bronze"
	}
}

func main() { fmt.Println(tierFor(12)) }
EOF
    go build .
}

c_multi_value() {
    gomod portparse
    cat >main.go <<'EOF'
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	port := strconv.Atoi(os.Getenv("LISTEN_PORT"))
	fmt.Println("listening on", port, "timeout", 2*strconv.Atoi(os.Getenv("TIMEOUT_S")))
}
EOF
    go build .
}

c_cannot_use() {
    gomod retrycfg
    cat >main.go <<'EOF'
package main

import (
	"fmt"
	"os"
	"time"
)

func backoff(attempt int, base time.Duration) time.Duration {
	return base * time.Duration(1<<attempt)
}

func main() {
	attempts := os.Getenv("RETRY_ATTEMPTS")
	fmt.Println(backoff(attempts, 200*time.Millisecond))
}
EOF
    go build .
}

c_undefined() {
    gomod exporter
    mkdir -p internal/store
    cat >internal/store/store.go <<'EOF'
package store

func openReadOnly(dsn string) error { return nil }
EOF
    cat >main.go <<'EOF'
package main

import "example.com/exporter/internal/store"

func main() {
	if err := store.openReadOnly("postgres://ro@127.0.0.1:5544/ledger"); err != nil {
		panic(err)
	}
	flushMetrics()
}
EOF
    go build ./...
}

c_conn_refused() {
    gomod pricefeed
    cat >main.go <<'EOF'
package main

import (
	"log"
	"net/http"
)

func main() {
	resp, err := http.Get("http://127.0.0.1:7391/v1/prices?pair=EURNOK")
	if err != nil {
		log.Fatalf("pricefeed: fetch failed: %v", err)
	}
	defer resp.Body.Close()
}
EOF
    go run .
}

c_deadline() {
    gomod slowcall
    cat >slow.py <<'EOF'
import http.server, time
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(5)
        self.send_response(200); self.end_headers()
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", 7392), H).serve_forever()
EOF
    python3 slow.py &
    local pid=$!
    wait_port 7392
    cat >main.go <<'EOF'
package main

import (
	"context"
	"log"
	"net/http"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1:7392/v1/ledger/close", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatalf("close-period: %v", err)
	}
	resp.Body.Close()
}
EOF
    go run .
    kill $pid
}

c_exec_not_found() {
    gomod thumbnailer
    cat >main.go <<'EOF'
package main

import (
	"log"
	"os/exec"
)

func main() {
	out, err := exec.Command("ffprobe", "-v", "error", "-show_format", "uploads/intro.mp4").CombinedOutput()
	if err != nil {
		log.Fatalf("probe uploads/intro.mp4: %v", err)
	}
	log.Printf("%s", out)
}
EOF
    go run .
}

c_go_sum() {
    gomod sumcheck example.com/sumcheck
    cat >>go.mod <<'EOF'

require github.com/tallyhub/decimal v1.4.2
EOF
    cat >main.go <<'EOF'
package main

import "github.com/tallyhub/decimal"

func main() { _ = decimal.Zero }
EOF
    GOFLAGS=-mod=readonly go build ./...
}

c_neg_custom() {
    gomod shardmap
    cat >main.go <<'EOF'
package main

import (
	"errors"
	"fmt"
	"log"
)

var ErrQuorum = errors.New("shardmap: rebalance aborted: 2 of 5 owners did not ack epoch 4411 within 3s")

func rebalance(epoch int) error {
	return fmt.Errorf("apply plan p-0192 (moves=17): %w", ErrQuorum)
}

func main() {
	log.SetFlags(0)
	if err := rebalance(4411); err != nil {
		log.Fatalf("shardctl: %v", err)
	}
}
EOF
    go run .
}

cap go go-declared-and-imported-not-used c_unused
cap go go-panic-assignment-nil-map c_nil_map
cap go go-panic-nil-pointer-handler c_nil_pointer
cap go go-panic-index-out-of-range c_index_range
cap go go-fatal-all-goroutines-asleep c_deadlock
cap go go-data-race-map c_race
cap go go-json-unmarshal-string-into-int c_json_type
cap go go-no-required-module-provides c_no_required_module
cap go go-import-cycle-not-allowed c_import_cycle
cap go go-missing-return c_missing_return
cap go go-multiple-value-single-context c_multi_value
cap go go-cannot-use-string-as-int c_cannot_use
cap go go-undefined-unexported c_undefined
cap go go-dial-connection-refused c_conn_refused
cap go go-context-deadline-exceeded c_deadline
cap go go-exec-executable-not-found c_exec_not_found
cap go go-missing-go-sum-entry c_go_sum
cap go go-neg-custom-shardmap-quorum c_neg_custom
