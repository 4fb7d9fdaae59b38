#!/usr/bin/env bash
# gcc / ld / make errors, domain "gcc". One case runs in the zh_CN locale
# (binutils and make ship Chinese translations on Debian).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

zh() { LANGUAGE=zh_CN LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$@"; }

c_missing_header_color() {
    fresh telemetry-agent
    mkdir -p src
    cat >src/publisher.c <<'EOF'
#include <stdio.h>
#include <zmq.h>

int publish(const char *endpoint, const char *msg) {
    void *ctx = zmq_ctx_new();
    void *sock = zmq_socket(ctx, ZMQ_PUB);
    zmq_connect(sock, endpoint);
    return zmq_send(sock, msg, 0, 0);
}
EOF
    gcc -fdiagnostics-color=always -Wall -O2 -c src/publisher.c -o publisher.o
}

c_ld_zh() {
    fresh cache-bridge
    cat >main.c <<'EOF'
#include <stdio.h>
int main(void) { puts("cache-bridge"); return 0; }
EOF
    zh gcc main.c -o cache-bridge -L/opt/vendor/lib -lhiredis_ssl -lhiredis
}

c_undefined_reference() {
    fresh crc-tool
    mkdir -p lib src
    cat >lib/crc32c.c <<'EOF'
#include <stdint.h>
#include <stddef.h>
uint32_t crc32c_update(uint32_t crc, const unsigned char *p, size_t n) {
    crc = ~crc;
    while (n--) { crc ^= *p++; for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0x82F63B78 & -(crc & 1)); }
    return ~crc;
}
EOF
    cat >src/main.c <<'EOF'
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>
uint32_t crc32c_update(uint32_t crc, const unsigned char *p, size_t n);
int main(int argc, char **argv) {
    const char *s = argc > 1 ? argv[1] : "tallyhub";
    printf("%08x\n", crc32c_update(0, (const unsigned char *)s, strlen(s)));
    return 0;
}
EOF
    gcc -c lib/crc32c.c -o lib/crc32c.o && ar rcs lib/libcrc32c.a lib/crc32c.o
    gcc src/main.c -o crc-tool
}

c_asan() {
    fresh ringbuf
    cat >ringbuf.c <<'EOF'
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

typedef struct { char *buf; size_t cap; size_t head; } ring;

static ring *ring_new(size_t cap) {
    ring *r = malloc(sizeof *r);
    r->buf = malloc(cap);
    r->cap = cap;
    r->head = 0;
    return r;
}

static void ring_push(ring *r, const char *data, size_t n) {
    memcpy(r->buf + r->head, data, n);   /* forgot to wrap around */
    r->head += n;
}

int main(void) {
    ring *r = ring_new(16);
    for (int i = 0; i < 3; i++) ring_push(r, "frame-0001", 10);
    printf("head=%zu\n", r->head);
    return 0;
}
EOF
    gcc -g -fsanitize=address -fno-omit-frame-pointer ringbuf.c -o ringbuf && ASAN_OPTIONS=detect_leaks=0 ./ringbuf
}

c_make_zh() {
    fresh sensor-fw
    mkdir -p src build
    echo 'int main(void){return 0;}' >src/main.c
    cat >Makefile <<'EOF'
OBJS = build/main.o build/ringbuf.o
firmware.elf: $(OBJS)
	$(CC) -o $@ $^
build/%.o: src/%.c
	$(CC) -c -o $@ $<
EOF
    zh make
}

c_neg_segfault() {
    fresh cfg-reader
    cat >reader.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *lookup(const char *key) { return getenv(key); }

int main(void) {
    const char *dir = lookup("TALLY_SPOOL_DIR");
    printf("spool dir has %zu chars\n", strlen(dir));
    return 0;
}
EOF
    gcc -O0 reader.c -o reader
    bash -c 'env -u TALLY_SPOOL_DIR ./reader; exit $?'
}

cap gcc gcc-fatal-missing-header-color c_missing_header_color
cap gcc ld-cannot-find-lib-zh c_ld_zh
cap gcc gcc-undefined-reference-not-linked c_undefined_reference
cap gcc gcc-asan-heap-buffer-overflow c_asan
cap gcc make-no-rule-to-make-target-zh c_make_zh
cap gcc c-neg-segfault-null-getenv c_neg_segfault
