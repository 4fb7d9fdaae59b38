#!/usr/bin/env bash
# OpenSSH client errors against a private sshd on 127.0.0.1:2222, domain "ssh".
# The sshd uses its own config, host keys and authorized_keys under $WORK and
# is stopped at the end.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SD="$WORK/_ssh"
SSHD_PID=""
cleanup() { [ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT

rm -rf "$SD" && mkdir -p "$SD/home/.ssh" "$SD/etc"
chmod 700 "$SD/home/.ssh"
export HOME="$SD/home"
ssh-keygen -q -t ed25519 -N '' -f "$SD/etc/host_ed25519" -C sshd-host
ssh-keygen -q -t ed25519 -N '' -f "$SD/etc/other_host_ed25519" -C rebuilt-host
ssh-keygen -q -t ed25519 -N '' -f "$HOME/.ssh/id_deploy" -C deploy@ci-runner-07
ssh-keygen -q -t ed25519 -N '' -f "$SD/authorized_only" -C ops@tallyhub
cat "$SD/authorized_only.pub" "$HOME/.ssh/id_deploy.pub" >"$SD/etc/authorized_keys"
cat >"$SD/etc/sshd_config" <<EOF
Port 2222
ListenAddress 127.0.0.1
HostKey $SD/etc/host_ed25519
PidFile $SD/sshd.pid
AuthorizedKeysFile $SD/etc/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
StrictModes no
EOF
mkdir -p /run/sshd
/usr/sbin/sshd -D -f "$SD/etc/sshd_config" -E "$SD/sshd.log" &
SSHD_PID=$!
wait_port 2222

KH="$SD/known_hosts"
ssh-keyscan -p 2222 -t ed25519 127.0.0.1 2>/dev/null >"$KH"
SSHOPTS=(-F /dev/null -o UserKnownHostsFile="$KH" -o BatchMode=yes)

c_publickey_git() {
    fresh ssh-clone
    GIT_SSH_COMMAND="ssh ${SSHOPTS[*]} -i $HOME/.ssh/id_deploy -o IdentitiesOnly=yes" \
        git clone ssh://git@127.0.0.1:2222/srv/git/ledger-api.git
}

c_key_too_open() {
    # CI runner user (here: nobody) with a key checked out with mode 0644
    mkdir -p "$SD/runner"
    cp "$HOME/.ssh/id_deploy" "$SD/runner/id_deploy"
    chmod 644 "$SD/runner/id_deploy"
    chown -R nobody "$SD/runner"
    runuser -u nobody -- ssh -F /dev/null -o UserKnownHostsFile="$KH" -o BatchMode=yes \
        -i "$SD/runner/id_deploy" -o IdentitiesOnly=yes -p 2222 nobody@127.0.0.1 true
}

c_refused() { ssh "${SSHOPTS[@]}" -p 2299 deploy@127.0.0.1 uptime; }

c_neg_host_changed() {
    # the server was rebuilt: known_hosts still has the old key
    local kh2="$SD/known_hosts_old"
    sed "s#ssh-ed25519 .*#$(cut -d' ' -f1,2 "$SD/etc/other_host_ed25519.pub")#" "$KH" >"$kh2"
    ssh -F /dev/null -o UserKnownHostsFile="$kh2" -o BatchMode=yes -p 2222 deploy@127.0.0.1 uptime
}

c_neg_unknown_host() {
    ssh -F /dev/null -o UserKnownHostsFile="$SD/empty_known_hosts" -o StrictHostKeyChecking=yes -o BatchMode=yes \
        -p 2222 deploy@127.0.0.1 uptime
}

c_neg_no_hostkey_type() {
    ssh "${SSHOPTS[@]}" -o HostKeyAlgorithms=ssh-rsa -p 2222 deploy@127.0.0.1 uptime
}

cap ssh ssh-git-clone-permission-denied-publickey c_publickey_git
cap ssh ssh-unprotected-private-key-file c_key_too_open
cap ssh ssh-connection-refused-2299 c_refused
cap ssh ssh-neg-remote-host-identification-changed c_neg_host_changed
cap ssh ssh-neg-host-key-verification-failed c_neg_unknown_host
cap ssh ssh-neg-no-matching-host-key-type c_neg_no_hostkey_type
