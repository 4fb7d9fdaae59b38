#!/usr/bin/env bash
# Linux shell / coreutils errors, domain "shell". Several run in zh_CN
# (bash, coreutils and tar ship Chinese translations on Debian).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

zh() { LANGUAGE=zh_CN LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$@"; }

c_cmd_not_found_zh() {
    fresh deploy-zh
    cat >rollout.sh <<'EOF'
#!/bin/bash
set -e
echo "rolling out ledger-api 2.8.1"
helm upgrade --install ledger-api charts/ledger-api -n payments --set image.tag=2.8.1
EOF
    zh bash rollout.sh
}

c_cp_zh() {
    fresh cp-zh
    mkdir -p config
    zh cp config/app.prod.yaml /tmp/capture/work/cp-zh/release/
}

c_tar_zh() {
    fresh tar-zh
    mkdir -p payload && for i in 1 2 3; do head -c 200000 /dev/urandom >payload/blob$i.bin; done
    tar czf backup-2024-10-31.tar.gz payload && rm -rf payload
    head -c 300000 backup-2024-10-31.tar.gz >partial.tar.gz   # interrupted download
    zh tar xzf partial.tar.gz
}

c_perm_denied() {
    fresh perm-script
    printf '#!/bin/bash\necho migrating\n' >migrate.sh
    chmod 644 migrate.sh
    bash -c './migrate.sh --env staging; exit $?'
}

c_bad_interpreter() {
    fresh crlf-script
    printf '#!/bin/bash\r\necho "backup started"\r\n' >backup.sh
    chmod 755 backup.sh
    bash -c './backup.sh; exit $?'
}

c_unbound() {
    fresh unbound
    cat >release.sh <<'EOF'
#!/bin/bash
set -euo pipefail
TAG="v${RELEASE_VERSION}"
echo "tagging $TAG"
EOF
    bash release.sh
}

c_arg_list() {
    fresh arg-list
    mkdir -p archive
    bash -c 'rm archive/$(printf "invoice-%08d.pdf archive/" $(seq 1 150000))x.pdf; exit $?' 2>&1 | cut -c1-200
}

c_sed() {
    fresh sed-edit
    echo 'API_URL=http://127.0.0.1:8080' >.env
    sed -i 's/API_URL=.*/API_URL=https://api.tallyhub.example/' .env
}

c_source_sh() {
    fresh venv-sh
    python3 -m venv .venv
    printf 'source .venv/bin/activate\npython -c "print(1)"\n' >ci-step.sh
    sh ci-step.sh
}

cap shell bash-command-not-found-zh c_cmd_not_found_zh
cap shell cp-cannot-stat-zh c_cp_zh
cap shell tar-unexpected-eof-zh c_tar_zh
cap shell bash-permission-denied-script c_perm_denied
cap shell bash-bad-interpreter-crlf c_bad_interpreter
cap shell bash-unbound-variable c_unbound
cap shell bash-argument-list-too-long c_arg_list
cap shell sed-unknown-option-to-s c_sed
cap shell sh-source-not-found c_source_sh
