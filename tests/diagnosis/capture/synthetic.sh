#!/usr/bin/env bash
# SYNTHETIC cases: errors that need a Docker daemon, a Kubernetes cluster or a
# GPU, none of which this machine has. The text below was written by hand to
# look like the real output (our own names, ids, ports); these cases are
# marked "synthetic": true in cases.json. Nothing is executed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

put() { mkdir -p "$CASES/$1" && cat >"$CASES/$1/$2.txt" && echo "[$1/$2] synthetic"; }

put docker docker-run-port-already-allocated <<'EOF'
$ docker run -d --name ledger-api-green -p 8080:8080 registry.tallyhub.example/ledger-api:2.8.1
4c1e0d7b9a2f63e85d0c4b1a97f3e2d6c8b5a4f3e2d1c0b9a8f7e6d5c4b3a291
docker: Error response from daemon: driver failed programming external connectivity on endpoint ledger-api-green (9b2d4f6e8a0c1e3f5a7b9d1c3e5f7a9b1d3f5e7c9a1b3d5f7e9c1a3b5d7f9e1c3): Bind for 0.0.0.0:8080 failed: port is already allocated.
EOF

put docker docker-build-copy-not-found <<'EOF'
[+] Building 2.1s (9/11)                                                                  docker:default
 => [internal] load build definition from Dockerfile                                                0.0s
 => => transferring dockerfile: 512B                                                                0.0s
 => [internal] load metadata for docker.io/library/node:20-bookworm-slim                            0.9s
 => [internal] load .dockerignore                                                                   0.0s
 => => transferring context: 94B                                                                    0.0s
 => [build 1/5] FROM docker.io/library/node:20-bookworm-slim@sha256:2cf1a2e5d6b7c8f9e0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3  0.0s
 => [internal] load build context                                                                   0.1s
 => => transferring context: 18.44kB                                                                0.0s
 => CACHED [build 2/5] WORKDIR /srv/checkout-ui                                                     0.0s
 => CACHED [build 3/5] COPY package.json package-lock.json ./                                       0.0s
 => CACHED [build 4/5] RUN npm ci --omit=dev                                                        0.0s
 => ERROR [build 5/5] COPY dist/ ./dist/                                                            0.0s
------
 > [build 5/5] COPY dist/ ./dist/:
------
Dockerfile:9
--------------------
   7 |     COPY package.json package-lock.json ./
   8 |     RUN npm ci --omit=dev
   9 | >>> COPY dist/ ./dist/
  10 |     EXPOSE 3000
  11 |     CMD ["node", "dist/server.js"]
--------------------
ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref 5n8qj2kx0w1d7c4v9b3m6z2a1::r0t4y8u2i6o1p5a9s3d7f2g6h: "/dist": not found
EOF

put docker docker-exec-format-error-arm64-image <<'EOF'
$ docker run --rm registry.tallyhub.example/fx-worker:1.9.0
WARNING: The requested image's platform (linux/arm64) does not match the detected host platform (linux/amd64/v3) and no specific platform was requested
exec /usr/local/bin/fx-worker: exec format error
EOF

put kubernetes k8s-crashloopbackoff-describe <<'EOF'
$ kubectl -n payments get pods -l app=ledger-api
NAME                          READY   STATUS             RESTARTS        AGE
ledger-api-7d9f8c6b5d-4xk2p   0/1     CrashLoopBackOff   6 (2m11s ago)   9m40s
ledger-api-7d9f8c6b5d-q8mzt   0/1     CrashLoopBackOff   6 (2m3s ago)    9m40s

$ kubectl -n payments logs ledger-api-7d9f8c6b5d-4xk2p --previous
2024-11-02T09:14:07.312Z INFO  starting ledger-api 2.8.1
2024-11-02T09:14:07.318Z FATAL config: required env LEDGER_DSN is empty

$ kubectl -n payments describe pod ledger-api-7d9f8c6b5d-4xk2p | tail -n 12
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Ready:          False
    Restart Count:  6
Events:
  Type     Reason     Age                    From               Message
  ----     ------     ----                   ----               -------
  Normal   Scheduled  9m40s                  default-scheduler  Successfully assigned payments/ledger-api-7d9f8c6b5d-4xk2p to pool-eu-2
  Normal   Pulled     7m2s (x5 over 9m39s)   kubelet            Container image "registry.tallyhub.example/ledger-api:2.8.1" already present on machine
  Normal   Created    7m2s (x5 over 9m39s)   kubelet            Created container api
  Warning  BackOff    4m30s (x26 over 9m37s) kubelet            Back-off restarting failed container api in pod ledger-api-7d9f8c6b5d-4xk2p_payments(0d3c1a52-9e4b-4f7a-8c21-6b3e5d9f0a17)
EOF

put kubernetes k8s-imagepullbackoff-describe <<'EOF'
$ kubectl -n payments get pods
NAME                         READY   STATUS             RESTARTS   AGE
fx-worker-5b8c9d7f6-h2jwq    0/1     ImagePullBackOff   0          3m12s

$ kubectl -n payments describe pod fx-worker-5b8c9d7f6-h2jwq | sed -n '/^Events:/,$p'
Events:
  Type     Reason     Age                  From               Message
  ----     ------     ----                 ----               -------
  Normal   Scheduled  3m12s                default-scheduler  Successfully assigned payments/fx-worker-5b8c9d7f6-h2jwq to pool-eu-1
  Normal   Pulling    101s (x4 over 3m11s) kubelet            Pulling image "registry.tallyhub.example/fx-worker:1.9.1"
  Warning  Failed     101s (x4 over 3m11s) kubelet            Failed to pull image "registry.tallyhub.example/fx-worker:1.9.1": rpc error: code = NotFound desc = failed to pull and unpack image "registry.tallyhub.example/fx-worker:1.9.1": failed to resolve reference "registry.tallyhub.example/fx-worker:1.9.1": registry.tallyhub.example/fx-worker:1.9.1: not found
  Warning  Failed     101s (x4 over 3m11s) kubelet            Error: ErrImagePull
  Normal   BackOff    76s (x6 over 3m10s)  kubelet            Back-off pulling image "registry.tallyhub.example/fx-worker:1.9.1"
  Warning  Failed     76s (x6 over 3m10s)  kubelet            Error: ImagePullBackOff
EOF

put kubernetes k8s-oomkilled-describe <<'EOF'
$ kubectl -n analytics describe pod report-builder-6f4b7c8d9-zx7mq | sed -n '/Containers:/,/Conditions:/p'
Containers:
  builder:
    Container ID:   containerd://7a1c9e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c
    Image:          registry.tallyhub.example/report-builder:3.2.0
    Port:           <none>
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
      Started:      Sat, 02 Nov 2024 10:02:11 +0000
      Finished:     Sat, 02 Nov 2024 10:03:58 +0000
    Ready:          False
    Restart Count:  4
    Limits:
      cpu:     1
      memory:  512Mi
    Requests:
      cpu:        250m
      memory:     256Mi
Conditions:
EOF

put pytorch torch-cuda-out-of-memory-gpu <<'EOF'
Traceback (most recent call last):
  File "/srv/ranker/train.py", line 141, in <module>
    main(cfg)
  File "/srv/ranker/train.py", line 118, in main
    loss = train_epoch(model, loader, optimizer, scaler, epoch)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/srv/ranker/train.py", line 72, in train_epoch
    logits = model(batch["input_ids"].cuda(), batch["attention_mask"].cuda())
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/opt/venv/lib/python3.11/site-packages/torch/nn/modules/module.py", line 1736, in _wrapped_call_impl
    return self._call_impl(*args, **kwargs)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/opt/venv/lib/python3.11/site-packages/torch/nn/modules/module.py", line 1747, in _call_impl
    return forward_call(*args, **kwargs)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/srv/ranker/model.py", line 54, in forward
    scores = torch.einsum("bqd,bkd->bqk", q, k) / self.scale
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/opt/venv/lib/python3.11/site-packages/torch/functional.py", line 407, in einsum
    return _VF.einsum(equation, operands)  # type: ignore[attr-defined]
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 3.25 GiB. GPU 0 has a total capacity of 23.68 GiB of which 1.91 GiB is free. Including non-PyTorch memory, this process has 21.76 GiB memory in use. Of the allocated memory 19.02 GiB is allocated by PyTorch, and 2.31 GiB is reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for Memory Management  (https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)
EOF
