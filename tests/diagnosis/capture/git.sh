#!/usr/bin/env bash
# git errors (git 2.47), domain "git". Remotes are local bare repositories.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export HOME="$WORK/_githome"
rm -rf "$HOME" && mkdir -p "$HOME"
cat >"$HOME/.gitconfig" <<'EOF'
[user]
	name = Mira Lindqvist
	email = mira@tallyhub.example
[init]
	defaultBranch = main
[advice]
	detachedHead = true
EOF
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL EMAIL
export GIT_EDITOR=true GIT_PAGER=cat PAGER=cat

commit() { # file content message
    printf '%s\n' "$2" >"$1" && git add "$1" && git commit -qm "$3"
}

# repo with branch feature/fx-rounding that conflicts with main
conflict_repo() {
    fresh "$1"
    git init -q .
    commit src_rounding.py 'MODE = "half-even"' "rounding: default mode"
    git checkout -qb feature/fx-rounding
    commit src_rounding.py 'MODE = "half-up"  # finance request FIN-2291' "rounding: switch to half-up"
    git checkout -q main
    commit src_rounding.py 'MODE = "half-even"  # ISO 4217 minor units' "rounding: document mode"
}

c_merge_conflict_color() {
    conflict_repo ledger-merge
    git -c color.ui=always merge feature/fx-rounding
    git -c color.ui=always status
}

c_unrelated() {
    fresh site-import
    git init -q .
    commit README.md "# tallyhub site" "init site"
    git init -q --bare ../site-import-legacy.git
    (cd "$(mktemp -d)" && git init -q . && commit index.html "<h1>legacy</h1>" "legacy import" && git push -q "$WORK/site-import-legacy.git" main)
    git remote add legacy ../site-import-legacy.git
    git fetch -q legacy
    git merge legacy/main
}

c_push_rejected() {
    fresh push-rejected
    git init -q --bare origin.git
    git clone -q origin.git alice 2>/dev/null && git clone -q origin.git bob 2>/dev/null
    (cd alice && commit ledger.sql "create table t(id int);" "schema v1" && git push -q origin main)
    (cd bob && git pull -q origin main)
    (cd alice && commit ledger.sql "create table t(id bigint);" "schema v2" && git push -q origin main)
    cd bob && commit notes.md "bob's notes" "notes" && git push origin main
}

c_src_refspec() {
    fresh new-service
    git init -q .
    git remote add origin "$WORK/new-service-origin.git"
    git init -q --bare "$WORK/new-service-origin.git"
    echo "draft" >README.md
    git add README.md
    git push -u origin main
}

c_pathspec_branch() {
    conflict_repo checkout-typo
    git checkout feature/fx-roundng
}

c_local_changes() {
    conflict_repo dirty-checkout
    echo 'MODE = "bankers"' >src_rounding.py
    git checkout feature/fx-rounding
}

c_not_repo() {
    fresh plain-dir
    mkdir -p deploy
    cd deploy && git log --oneline -3
}

c_remote_exists() {
    fresh remotes
    git init -q .
    git remote add origin git@git.tallyhub.example:platform/remotes.git
    git remote add origin https://git.tallyhub.example/platform/remotes.git
}

c_tag_exists() {
    fresh release-tags
    git init -q .
    commit VERSION 2.8.0 "release 2.8.0"
    git tag -a v2.8.0 -m "v2.8.0"
    commit VERSION 2.8.1 "hotfix"
    git tag -a v2.8.0 -m "v2.8.0 (retag)"
}

c_pull_rebase_unstaged() {
    fresh rebase-dirty
    git init -q --bare origin.git
    git clone -q origin.git work 2>/dev/null
    cd work
    commit app.cfg "timeout=30" "cfg" && git push -q origin main
    echo "timeout=45" >app.cfg
    git pull --rebase origin main
}

c_ff_only() {
    fresh ff-only
    git init -q --bare origin.git
    git clone -q origin.git a 2>/dev/null
    (cd a && commit x.txt 1 "c1" && git push -q origin main)
    git clone -q origin.git b
    (cd a && commit x.txt 2 "c2 upstream" && git push -q origin main)
    cd b && commit y.txt 1 "local work" && git pull --ff-only origin main
}

c_pull_divergent() {
    fresh pull-divergent
    git init -q --bare origin.git
    git clone -q origin.git a 2>/dev/null
    (cd a && commit x.txt 1 "c1" && git push -q origin main)
    git clone -q origin.git b
    (cd a && commit x.txt 2 "c2 upstream" && git push -q origin main)
    cd b && commit y.txt 1 "local work" && git pull origin main
}

c_lock_ref() {
    fresh lock-ref
    git init -q .
    commit a.txt 1 "first"
    : >.git/refs/heads/main.lock   # left behind by a killed IDE git process
    echo 2 >a.txt && git commit -qam "second"
}

c_detached_color() {
    fresh detached
    git init -q .
    commit a.txt 1 "release 3.1" && git tag v3.1.0
    commit a.txt 2 "work after release"
    git -c color.ui=always checkout v3.1.0
    git -c color.ui=always status
}

c_cherry_pick() {
    conflict_repo cherry
    local c
    c=$(git rev-parse feature/fx-rounding)
    git cherry-pick "$c"
}

c_stash_pop() {
    fresh stash-pop
    git init -q .
    commit settings.toml 'region = "eu-north-1"' "settings"
    echo 'region = "eu-central-1"' >settings.toml
    git stash -q
    commit settings.toml 'region = "eu-west-1"' "move region"
    git stash pop
}

c_no_identity() {
    fresh no-identity
    git init -q .
    echo x >a.txt && git add a.txt
    HOME="$WORK/no-identity/.home" GIT_CONFIG_GLOBAL=/dev/null git -c user.useConfigOnly=true commit -m "initial import"
}

c_rebase_conflict_color() {
    conflict_repo rebase-color
    git checkout -q feature/fx-rounding
    git -c color.ui=always rebase main
    git -c color.ui=always status
}

c_object_empty() {
    fresh corrupt-obj
    git init -q .
    commit ledger.csv "id,amount" "add ledger"
    local obj
    obj=$(git rev-parse HEAD:ledger.csv)
    # power loss during write: object file truncated to 0 bytes
    chmod u+w ".git/objects/${obj:0:2}/${obj:2}" && : >".git/objects/${obj:0:2}/${obj:2}"
    git status
    git show HEAD:ledger.csv
}

c_submodule_mapping() {
    fresh submodule-map
    git init -q .
    commit README.md "# app" "init"
    git update-index --add --cacheinfo 160000,4b825dc642cb6eb9a060e54bf8d69288fbee4904,vendor/libfx
    git commit -qm "vendor libfx"
    git submodule status
}

c_worktree_locked() {
    fresh worktrees
    git init -q main-repo && cd main-repo
    commit a.txt 1 "init"
    git worktree add -q ../wt-hotfix -b hotfix/2.8.2
    git worktree lock ../wt-hotfix --reason "on USB disk"
    rm -rf ../wt-hotfix
    git worktree add ../wt-hotfix hotfix/2.8.2
}

c_bisect() {
    fresh bisect
    git init -q .
    commit a.txt 1 "c1"
    git bisect bad HEAD
}

c_neg_apply() {
    fresh patch-apply
    git init -q .
    commit fees.py 'FEE = 0.015' "fees"
    cat >../fee-2291.patch <<'EOF'
diff --git a/fees.py b/fees.py
index 3b18e51..9c2d7f1 100644
--- a/fees.py
+++ b/fees.py
@@ -1 +1 @@
-FEE = 0.014
+FEE = 0.012
EOF
    git apply ../fee-2291.patch
}

c_neg_checked_out() {
    fresh push-nonbare
    git init -q server-copy
    (cd server-copy && commit index.html "v1" "v1")
    git clone -q server-copy laptop
    cd laptop && commit index.html "v2" "v2" && git push origin main
}

cap git git-merge-conflict-status-color c_merge_conflict_color
cap git git-refusing-merge-unrelated c_unrelated
cap git git-push-rejected-fetch-first c_push_rejected
cap git git-src-refspec-main c_src_refspec
cap git git-pathspec-branch-typo c_pathspec_branch
cap git git-checkout-local-changes-overwritten c_local_changes
cap git git-not-a-git-repository c_not_repo
cap git git-remote-origin-exists c_remote_exists
cap git git-tag-already-exists c_tag_exists
cap git git-pull-rebase-unstaged c_pull_rebase_unstaged
cap git git-pull-ff-only-diverged c_ff_only
cap git git-pull-divergent-reconcile c_pull_divergent
cap git git-cannot-lock-ref-main c_lock_ref
cap git git-detached-head-color c_detached_color
cap git git-cherry-pick-conflict c_cherry_pick
cap git git-stash-pop-conflict c_stash_pop
cap git git-author-identity-unknown c_no_identity
cap git git-rebase-conflict-color c_rebase_conflict_color
cap git git-object-file-empty c_object_empty
cap git git-no-submodule-mapping c_submodule_mapping
cap git git-worktree-missing-but-locked c_worktree_locked
cap git git-bisect-not-started c_bisect
cap git git-neg-apply-patch-does-not-apply c_neg_apply
cap git git-neg-push-checked-out-branch c_neg_checked_out
